"""Public checks for corr2d_multi_in_out_1x1 (generated from 05-corr2d_multi_in_out_1x1.md and its translations by `convkit build`): grader.check("corr2d_multi_in_out_1x1") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'corr2d_multi_in_out_1x1'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_matches_channel_mixing": "matches channel mixing",
        "test_uses_a_matmul": "uses a matmul",
        "test_meta_device": "meta device",
        "shape": "a 1×1 kernel keeps the size: (co, h, w) = (2, 4, 6); got {got}",
        "values": "Y[o, i, j] must be sum over m of K[o, m, 0, 0] * X[m, i, j]; check the reshapes: X.reshape(c, h * w) has one column per pixel, and the product reshapes back to (co, h, w)",
        "float64": "float64 inputs must give a float64 result; got {got}",
        "convolution_ran": "no convolution may compute the result; these ran: {ran}",
        "no_matmul": "compute the 1×1 convolution as one matrix multiplication: K.reshape(co, c) @ X.reshape(c, h * w)",
        "meta_result": "meta inputs must give a (2, 4, 5) meta result; got {shape} on {device}"
    },
    "zh": {
        "test_matches_channel_mixing": "与通道混合一致",
        "test_uses_a_matmul": "使用矩阵乘法",
        "test_meta_device": "meta 设备",
        "shape": "1×1 的卷积核保持大小不变：(co, h, w) = (2, 4, 6)；实际得到 {got}",
        "values": "Y[o, i, j] 必须等于对 m 求和 K[o, m, 0, 0] * X[m, i, j]；请检查变形：X.reshape(c, h * w) 每个像素一列，乘积再变形回 (co, h, w)",
        "float64": "float64 的输入必须得到 float64 的结果；实际得到 {got}",
        "convolution_ran": "结果不能由卷积计算；实际运行了这些：{ran}",
        "no_matmul": "请用一次矩阵乘法计算 1×1 卷积：K.reshape(co, c) @ X.reshape(c, h * w)",
        "meta_result": "meta 输入必须得到形状为 (2, 4, 5) 的 meta 结果；实际得到形状 {shape}，位于 {device} 上"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_matches_channel_mixing'), points=None, hidden=False)
def test_matches_channel_mixing(corr2d_multi_in_out_1x1, torch):
    X = torch.randn(3, 4, 6, dtype=torch.float64)
    K = torch.randn(2, 3, 1, 1, dtype=torch.float64)
    Y = corr2d_multi_in_out_1x1(X, K)
    assert tuple(Y.shape) == (2, 4, 6), explain("shape", got=tuple(Y.shape))
    expected = (K[:, :, 0, 0, None, None] * X[None]).sum(dim=1)  # Y[o] = sum over m of K[o, m] * X[m]
    assert torch.allclose(Y, expected), explain("values")
    assert Y.dtype == torch.float64, explain("float64", got=Y.dtype)


@test_case(name=explain('test_uses_a_matmul'), points=None, hidden=False)
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
    assert not convolutions, explain("convolution_ran", ran=convolutions)
    matmuls = {"matmul", "__matmul__", "__rmatmul__", "mm", "bmm", "einsum", "tensordot", "linear"}
    assert record.names & matmuls, explain("no_matmul")


@test_case(name=explain('test_meta_device'), points=None, hidden=False)
def test_meta_device(corr2d_multi_in_out_1x1, torch):
    Y = corr2d_multi_in_out_1x1(torch.ones(3, 4, 5, device="meta"), torch.ones(2, 3, 1, 1, device="meta"))
    assert Y.device.type == "meta" and tuple(Y.shape) == (2, 4, 5), (
        explain("meta_result", shape=tuple(Y.shape), device=Y.device.type))
