"""Public checks for conv2d_cost (generated from 07-conv2d_cost.md by `convkit build`): grader.check("conv2d_cost") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'conv2d_cost'
points = None


@test_case(name='d2l multi input example', points=None, hidden=False)
def test_d2l_multi_input_example(conv2d_cost):
    got = conv2d_cost(2, 1, (3, 3), (2, 2))
    assert got == 32, (
        f"two 3×3 input channels and one (2, 2, 2) kernel: 4 outputs, each a dot product of 2*2*2 = 8 products, "
        f"so 32 multiply-adds; got {got!r}")
    assert isinstance(got, int), f"return a Python int (use // rather than /); got {type(got).__name__}"


@test_case(name='d2l padding and stride examples', points=None, hidden=False)
def test_d2l_padding_and_stride_examples(conv2d_cost):
    got = conv2d_cost(1, 1, (8, 8), (3, 3), padding=1)
    assert got == 8 * 8 * 9, (
        f"d2l 7.3's example: an 8×8 input with a 3×3 kernel and padding 1 (per side) keeps the size, so 64 outputs "
        f"of 9 products each: 576; got {got!r}")
    got = conv2d_cost(1, 1, (8, 8), (3, 3), padding=1, stride=2)
    assert got == 4 * 4 * 9, (
        f"with stride 2 as well: floor((8 + 2 - 3) / 2) + 1 = 4 rows and columns, 16 outputs of 9 products each: "
        f"144; got {got!r}")


@test_case(name='one by one layer', points=None, hidden=False)
def test_one_by_one_layer(conv2d_cost):
    got = conv2d_cost(64, 32, (14, 14), 1)
    assert got == 32 * 64 * 14 * 14, (
        f"a 1×1 layer from 64 to 32 channels on 14×14 makes 32*14*14 outputs of 64 products each: "
        f"{32 * 64 * 14 * 14}; got {got!r}")


@test_case(name='doubling channels quadruples the cost', points=None, hidden=False)
def test_doubling_channels_quadruples_the_cost(conv2d_cost):
    small = conv2d_cost(3, 8, (16, 12), (3, 3), padding=1, stride=2)
    large = conv2d_cost(6, 16, (16, 12), (3, 3), padding=1, stride=2)
    assert large == 4 * small, (
        f"doubling both c_in and c_out doubles the outputs and the length of each dot product: 4 times the "
        f"cost (d2l 7.4, exercise 3); got {small!r} and {large!r}")
