"""Public checks for corr2d_multi_in (generated from 03-corr2d_multi_in.md by `convkit build`): grader.check("corr2d_multi_in") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'corr2d_multi_in'
points = None


@test_case(name='d2l example', points=None, hidden=False)
def test_d2l_example(corr2d_multi_in, torch):
    X = torch.tensor([[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]],
                      [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]])
    K = torch.tensor([[[0.0, 1.0], [2.0, 3.0]], [[1.0, 2.0], [3.0, 4.0]]])
    Y = corr2d_multi_in(X, K)
    assert tuple(Y.shape) == (2, 2), (
        f"two channels of 3×3 with a (2, 2, 2) kernel give one 2×2 image (no channel dimension); got {tuple(Y.shape)}")
    assert torch.allclose(Y, torch.tensor([[56.0, 72.0], [104.0, 120.0]])), (
        "d2l's example should give [[56, 72], [104, 120]] (top left: 19 from channel 0 plus 37 from channel 1); "
        f"got {Y.tolist()}")


@test_case(name='channels add up', points=None, hidden=False)
def test_channels_add_up(corr2d_multi_in, torch):
    X = torch.randn(5, 4, 6, dtype=torch.float64)  # 5 channels, height 4, width 6
    K = torch.randn(5, 2, 3, dtype=torch.float64)
    Y = corr2d_multi_in(X, K)
    assert tuple(Y.shape) == (3, 4), (
        f"X (5, 4, 6) and K (5, 2, 3) give (4 - 2 + 1, 6 - 3 + 1) = (3, 4); got {tuple(Y.shape)}. "
        f"X.shape[0] is the number of channels, not the height")
    parts = corr2d_multi_in(X[:2], K[:2]) + corr2d_multi_in(X[2:], K[2:])
    assert torch.allclose(Y, parts), "the result is a sum over channels: channels 0-1 plus channels 2-4 must give the same"
    assert Y.dtype == torch.float64, f"float64 inputs must give a float64 result; got {Y.dtype}"


@test_case(name='meta device', points=None, hidden=False)
def test_meta_device(corr2d_multi_in, torch):
    Y = corr2d_multi_in(torch.ones(3, 5, 6, device="meta"), torch.ones(3, 2, 2, device="meta"))
    assert Y.device.type == "meta" and tuple(Y.shape) == (4, 5), (
        f"meta inputs must give a (4, 5) meta result; got {tuple(Y.shape)} on {Y.device.type}")
