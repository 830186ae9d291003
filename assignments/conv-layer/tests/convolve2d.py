"""Public checks for convolve2d (generated from 04-convolve2d.md by `convkit build`): grader.check("convolve2d") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'convolve2d'
points = None


@test_case(name='d2l example flipped', points=None, hidden=False)
def test_d2l_example_flipped(convolve2d, torch):
    X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])
    K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
    Y = convolve2d(X, K)
    assert tuple(Y.shape) == (2, 2), f"the output has corr2d's shape, (2, 2) here; got {tuple(Y.shape)}"
    expected = torch.tensor([[5.0, 11.0], [23.0, 29.0]])
    if torch.allclose(Y, torch.tensor([[19.0, 25.0], [37.0, 43.0]])):
        raise AssertionError("convolve2d gave cross-correlation's [[19, 25], [37, 43]]: flip the kernel first")
    assert torch.allclose(Y, expected), (
        "convolve2d on d2l's example should give [[5, 11], [23, 29]] (the kernel flipped in both axes is "
        f"[[3, 2], [1, 0]]; top left: 0*3 + 1*2 + 3*1 + 4*0 = 5); got {Y.tolist()}")


@test_case(name='symmetric kernel agrees with correlation', points=None, hidden=False)
def test_symmetric_kernel_agrees_with_correlation(convolve2d, F, torch):
    X = torch.arange(30.0).reshape(5, 6)
    K = torch.tensor([[1.0, 2.0, 1.0], [0.0, 5.0, 0.0], [1.0, 2.0, 1.0]])  # unchanged by both flips
    Y = convolve2d(X, K)
    expected = F.conv2d(X[None, None], K[None, None])[0, 0]  # PyTorch's "convolution" is a cross-correlation
    assert torch.allclose(Y, expected), (
        "for a kernel that is symmetric under both flips, convolution and cross-correlation agree; "
        "they do not here")


@test_case(name='meta device', points=None, hidden=False)
def test_meta_device(convolve2d, torch):
    X = torch.ones(4, 5, device="meta", dtype=torch.float64)
    K = torch.ones(2, 3, device="meta", dtype=torch.float64)
    Y = convolve2d(X, K)
    assert Y.device.type == "meta" and Y.dtype == torch.float64 and tuple(Y.shape) == (3, 3), (
        f"float64 meta inputs must give a float64 meta result of shape (3, 3); "
        f"got {tuple(Y.shape)}, {Y.dtype}, on {Y.device.type}")
