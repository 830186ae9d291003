"""Public checks for pad2d (generated from 01-pad2d.md by `convkit build`): grader.check("pad2d") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'pad2d'
points = None


@test_case(name='zero padding', points=None, hidden=False)
def test_zero_padding(pad2d, torch):
    X = torch.arange(9.0).reshape(3, 3)
    Y = pad2d(X, 1)
    assert tuple(Y.shape) == (5, 5), f"padding 1 adds one row/column on every side: (3 + 2, 3 + 2) = (5, 5); got {tuple(Y.shape)}"
    assert torch.equal(Y[1:4, 1:4], X), "the image must sit unchanged in the middle of the padded image"
    border = Y.clone()
    border[1:4, 1:4] = 0
    assert bool((border == 0).all()), "the default mode is 'zeros': the frame around the image must be 0"


@test_case(name='modes on one row', points=None, hidden=False)
def test_modes_on_one_row(pad2d, torch):
    X = torch.tensor([[1.0, 2.0, 3.0]])
    expected = {
        "zeros": [0, 0, 1, 2, 3, 0, 0],
        "reflect": [3, 2, 1, 2, 3, 2, 1],
        "replicate": [1, 1, 1, 2, 3, 3, 3],
        "circular": [2, 3, 1, 2, 3, 1, 2],
    }
    for mode, row in expected.items():
        Y = pad2d(X, (0, 2), mode)
        assert tuple(Y.shape) == (1, 7), (
            f"padding (0, 2) adds no rows and two columns on each side: (1, 7); got {tuple(Y.shape)} for mode {mode!r}")
        assert Y[0].tolist() == row, f"{mode!r} padding of [1, 2, 3] by 2 should give {row}; got {Y[0].tolist()}"


@test_case(name='matches f pad', points=None, hidden=False)
def test_matches_f_pad(pad2d, F, torch):
    X = torch.randn(4, 5, dtype=torch.float64)
    for mode in ("zeros", "reflect", "replicate", "circular"):
        Y = pad2d(X, (2, 3), mode)
        expected = F.pad(X[None], (3, 3, 2, 2), mode="constant" if mode == "zeros" else mode)[0]
        assert tuple(Y.shape) == (8, 11), f"a 4×5 image padded by (2, 3) is (4 + 4, 5 + 6) = (8, 11); got {tuple(Y.shape)}"
        assert torch.equal(Y, expected), (
            f"mode {mode!r} with padding (2, 3) must match F.pad (2 rows on top and bottom, 3 columns left and right)")
        assert Y.dtype == torch.float64, f"a float64 image must stay float64; got {Y.dtype} for mode {mode!r}"


@test_case(name='meta device', points=None, hidden=False)
def test_meta_device(pad2d, torch):
    X = torch.ones(4, 5, device="meta")
    for mode in ("zeros", "reflect"):
        Y = pad2d(X, (1, 2), mode)
        assert Y.device.type == "meta" and tuple(Y.shape) == (6, 9), (
            f"a meta image must give a meta result of shape (6, 9) in mode {mode!r}; got {tuple(Y.shape)} "
            f"on {Y.device.type}. Create new tensors with X.new_zeros(...) or device=X.device")
