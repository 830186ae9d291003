"""Public checks for corr2d (generated from 01-corr2d.md by `convkit build`): grader.check("corr2d") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'corr2d'
points = None


@test_case(name='d2l example', points=None, hidden=False)
def test_d2l_example(corr2d, torch):
    X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])
    K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
    Y = corr2d(X, K)
    assert isinstance(Y, torch.Tensor), f"corr2d must return a tensor; got {type(Y).__name__}"
    assert tuple(Y.shape) == (2, 2), (
        f"a 3×3 image and a 2×2 kernel give a (3 - 2 + 1, 3 - 2 + 1) = (2, 2) output; got shape {tuple(Y.shape)}")
    expected = torch.tensor([[19.0, 25.0], [37.0, 43.0]])
    assert torch.allclose(Y.double(), expected.double()), (
        f"corr2d on d2l's example should give [[19, 25], [37, 43]] (top left: 0*0 + 1*1 + 3*2 + 4*3 = 19); "
        f"got {Y.tolist()}. Y[i, j] = (X[i:i+kh, j:j+kw] * K).sum(); do not flip K")


@test_case(name='non square shapes', points=None, hidden=False)
def test_non_square_shapes(corr2d, F, torch):
    Y = corr2d(torch.ones(6, 8), torch.ones(1, 2))
    assert tuple(Y.shape) == (6, 7), (
        f"a 6×8 image and a 1×2 kernel give (6 - 1 + 1, 8 - 2 + 1) = (6, 7); got {tuple(Y.shape)}. "
        f"Dimension 0 is the height, dimension 1 the width")
    X = torch.arange(48.0).reshape(6, 8)
    K = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    expected = F.conv2d(X[None, None], K[None, None])[0, 0]  # PyTorch's conv2d is a cross-correlation
    Y = corr2d(X, K)
    assert tuple(Y.shape) == (5, 6) and torch.allclose(Y, expected), (
        "with a 2×3 kernel on a 6×8 image the result must be (5, 6) and equal F.conv2d's; window (i, j) is "
        "X[i:i+kh, j:j+kw], kh rows (height) by kw columns (width)")


@test_case(name='keeps float64', points=None, hidden=False)
def test_keeps_float64(corr2d, torch):
    X = torch.arange(20, dtype=torch.float64).reshape(4, 5)
    K = torch.tensor([[1.0, 0.5], [0.25, -1.0]], dtype=torch.float64)
    Y = corr2d(X, K)
    assert Y.dtype == torch.float64, (
        f"float64 inputs must give a float64 result; got {Y.dtype}. "
        f"torch.zeros(shape) creates float32: use dtype=X.dtype, or build Y from operations on X and K")


@test_case(name='meta device', points=None, hidden=False)
def test_meta_device(corr2d, torch):
    X = torch.ones(3, 3, device="meta")
    K = torch.ones(2, 2, device="meta")
    try:
        Y = corr2d(X, K)
    except Exception as error:
        raise AssertionError(
            f"corr2d failed on meta tensors ({type(error).__name__}: {error}). A tensor made without "
            f"device=X.device lives on the CPU; the same code would fail on a GPU") from None
    assert Y.device.type == "meta" and tuple(Y.shape) == (2, 2), (
        f"meta inputs must give a (2, 2) meta result; got shape {tuple(Y.shape)} on {Y.device.type}")
