"""Public checks for corr2d_multi_in_out (generated from 04-corr2d_multi_in_out.md by `convkit build`): grader.check("corr2d_multi_in_out") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'corr2d_multi_in_out'
points = None


@test_case(name='d2l example', points=None, hidden=False)
def test_d2l_example(corr2d_multi_in_out, torch):
    X = torch.tensor([[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]],
                      [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]])
    K = torch.tensor([[[0.0, 1.0], [2.0, 3.0]], [[1.0, 2.0], [3.0, 4.0]]])
    K = torch.stack((K, K + 1, K + 2))
    Y = corr2d_multi_in_out(X, K)
    assert tuple(Y.shape) == (3, 2, 2), f"three output kernels give three 2×2 output channels, (3, 2, 2); got {tuple(Y.shape)}"
    expected = torch.tensor([[[56.0, 72.0], [104.0, 120.0]], [[76.0, 100.0], [148.0, 172.0]],
                             [[96.0, 128.0], [192.0, 224.0]]])
    assert torch.allclose(Y, expected), (
        f"d2l's example should give {expected.long().tolist()}; got {Y.tolist()}. Channel o is corr2d_multi_in(X, K[o])")


@test_case(name='shapes and dtype', points=None, hidden=False)
def test_shapes_and_dtype(corr2d_multi_in_out, torch):
    X = torch.randn(3, 6, 5, dtype=torch.float64)
    K = torch.randn(4, 3, 2, 2, dtype=torch.float64)
    Y = corr2d_multi_in_out(X, K)
    assert tuple(Y.shape) == (4, 5, 4), (
        f"X (3, 6, 5) and K (4, 3, 2, 2) give (co, h - kh + 1, w - kw + 1) = (4, 5, 4); got {tuple(Y.shape)}")
    assert Y.dtype == torch.float64, f"float64 inputs must give a float64 result; got {Y.dtype}"


@test_case(name='meta device', points=None, hidden=False)
def test_meta_device(corr2d_multi_in_out, torch):
    Y = corr2d_multi_in_out(torch.ones(2, 4, 4, device="meta"), torch.ones(3, 2, 3, 3, device="meta"))
    assert Y.device.type == "meta" and tuple(Y.shape) == (3, 2, 2), (
        f"meta inputs must give a (3, 2, 2) meta result; got {tuple(Y.shape)} on {Y.device.type}")
