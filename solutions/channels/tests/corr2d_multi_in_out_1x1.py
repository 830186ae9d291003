"""Public checks for corr2d_multi_in_out_1x1 (generated from 05-corr2d_multi_in_out_1x1.md by `convkit build`): grader.check("corr2d_multi_in_out_1x1") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'corr2d_multi_in_out_1x1'
points = None


@test_case(name='matches channel mixing', points=None, hidden=False)
def test_matches_channel_mixing(corr2d_multi_in_out_1x1, torch):
    X = torch.randn(3, 4, 6, dtype=torch.float64)
    K = torch.randn(2, 3, 1, 1, dtype=torch.float64)
    Y = corr2d_multi_in_out_1x1(X, K)
    assert tuple(Y.shape) == (2, 4, 6), f"a 1×1 kernel keeps the size: (co, h, w) = (2, 4, 6); got {tuple(Y.shape)}"
    expected = (K[:, :, 0, 0, None, None] * X[None]).sum(dim=1)  # Y[o] = sum over m of K[o, m] * X[m]
    assert torch.allclose(Y, expected), (
        "Y[o, i, j] must be sum over m of K[o, m, 0, 0] * X[m, i, j]; check the reshapes: X.reshape(c, h * w) "
        "has one column per pixel, and the product reshapes back to (co, h, w)")
    assert Y.dtype == torch.float64, f"float64 inputs must give a float64 result; got {Y.dtype}"


@test_case(name='uses a matmul', points=None, hidden=False)
def test_uses_a_matmul(corr2d_multi_in_out_1x1, torch):
    from torch.overrides import TorchFunctionMode

    class Record(TorchFunctionMode):  # records the names of the torch functions that run
        def __init__(self):
            super().__init__()
            self.names = set()

        def __torch_function__(self, func, types, args=(), kwargs=None):
            self.names.add(getattr(func, "__name__", str(func)))
            return func(*args, **(kwargs or {}))

    X, K = torch.randn(4, 5, 6), torch.randn(3, 4, 1, 1)
    with Record() as record:
        corr2d_multi_in_out_1x1(X, K)
    convolutions = sorted(name for name in record.names if "conv" in name)
    assert not convolutions, f"no convolution may compute the result; these ran: {convolutions}"
    matmuls = {"matmul", "__matmul__", "__rmatmul__", "mm", "bmm", "einsum", "tensordot", "linear"}
    assert record.names & matmuls, (
        "compute the 1×1 convolution as one matrix multiplication: K.reshape(co, c) @ X.reshape(c, h * w)")


@test_case(name='meta device', points=None, hidden=False)
def test_meta_device(corr2d_multi_in_out_1x1, torch):
    Y = corr2d_multi_in_out_1x1(torch.ones(3, 4, 5, device="meta"), torch.ones(2, 3, 1, 1, device="meta"))
    assert Y.device.type == "meta" and tuple(Y.shape) == (2, 4, 5), (
        f"meta inputs must give a (2, 4, 5) meta result; got {tuple(Y.shape)} on {Y.device.type}")
