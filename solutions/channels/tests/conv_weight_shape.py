"""Public checks for conv_weight_shape (generated from 06-conv_weight_shape.md by `convkit build`): grader.check("conv_weight_shape") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'conv_weight_shape'
points = None


@test_case(name='without groups', points=None, hidden=False)
def test_without_groups(conv_weight_shape, nn):
    expected = tuple(nn.Conv2d(3, 16, 3, device="meta").weight.shape)
    got = conv_weight_shape(3, 16, 3)
    assert tuple(got) == expected, (
        f"nn.Conv2d(3, 16, 3).weight has shape {expected}: one 3×3×3 kernel per output channel, output "
        f"channels first; got {got!r}")


@test_case(name='with groups', points=None, hidden=False)
def test_with_groups(conv_weight_shape, nn):
    for args in ((4, 8, (3, 5), 2), (6, 6, 3, 6)):
        in_channels, out_channels, kernel_size, groups = args
        expected = tuple(nn.Conv2d(in_channels, out_channels, kernel_size, groups=groups, device="meta").weight.shape)
        got = conv_weight_shape(*args)
        assert tuple(got) == expected, (
            f"conv_weight_shape{args} should match nn.Conv2d's weight, {expected}: each kernel sees only "
            f"in_channels // groups = {in_channels // groups} input channels; got {got!r}")


@test_case(name='indivisible groups raise', points=None, hidden=False)
def test_indivisible_groups_raise(conv_weight_shape):
    for args, which in (((3, 6, 3, 2), "3 input channels"), ((6, 3, 3, 2), "3 output channels")):
        try:
            conv_weight_shape(*args)
        except ValueError:
            pass
        else:
            raise AssertionError(
                f"conv_weight_shape{args}: {which} cannot be split into 2 groups (nn.Conv2d raises ValueError): "
                f"raise ValueError")
