"""Public checks for receptive_field (generated from 14-receptive_field.md by `convkit build`): grader.check("receptive_field") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'receptive_field'
points = None


@test_case(name='d2l example', points=None, hidden=False)
def test_d2l_example(receptive_field):
    got = receptive_field([2, 2])
    assert got == 3, (
        f"d2l's example: two 2×2 layers on a 3×3 input give one element that sees all 3×3 input pixels, "
        f"so receptive_field([2, 2]) == 3; got {got!r}")


@test_case(name='single layer', points=None, hidden=False)
def test_single_layer(receptive_field):
    assert receptive_field([5]) == 5, f"one 5×5 layer sees a 5×5 patch; got {receptive_field([5])!r}"
    assert receptive_field([5], [4]) == 5, (
        f"a layer's own stride moves its windows apart but does not widen any one window: "
        f"receptive_field([5], [4]) == 5; got {receptive_field([5], [4])!r}")


@test_case(name='matches gradient measurement', points=None, hidden=False)
def test_matches_gradient_measurement(receptive_field, nn, torch):
    kernels, strides = [3, 2, 3], [2, 1, 1]
    x = torch.zeros(1, 1, 32, 32, requires_grad=True)
    y = x
    for k, s in zip(kernels, strides):
        layer = nn.Conv2d(1, 1, k, stride=s, bias=False)
        nn.init.ones_(layer.weight)  # all-ones weights never cancel: every pixel seen gets a gradient
        y = layer(y)
    y[0, 0, 0, 0].backward()  # which input pixels does one output element depend on?
    rows = x.grad[0, 0].abs().sum(dim=1).nonzero()
    measured = int(rows.max() - rows.min() + 1)
    got = receptive_field(kernels, strides)
    assert got == measured, (
        f"receptive_field({kernels}, {strides}) should be {measured}, the height of the input region with a "
        f"nonzero gradient for one output element; got {got!r}. Each layer widens the field by (k - 1) of its "
        f"input pixels, which are as far apart as the product of the strides of the layers before it")
