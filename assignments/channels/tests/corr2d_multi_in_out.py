"""Public checks for corr2d_multi_in_out (generated from 04-corr2d_multi_in_out.md and its translations by `convkit build`): grader.check("corr2d_multi_in_out") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'corr2d_multi_in_out'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_d2l_example": "d2l example",
        "test_shapes_and_dtype": "shapes and dtype",
        "test_meta_device": "meta device",
        "d2l_shape": "three output kernels give three 2×2 output channels, (3, 2, 2); got {got}",
        "d2l_values": "d2l's example should give {expected}; got {got}. Channel o is corr2d_multi_in(X, K[o])",
        "shape": "X (3, 6, 5) and K (4, 3, 2, 2) give (co, h - kh + 1, w - kw + 1) = (4, 5, 4); got {got}",
        "float64": "float64 inputs must give a float64 result; got {got}",
        "meta_result": "meta inputs must give a (3, 2, 2) meta result; got {shape} on {device}"
    },
    "zh": {
        "test_d2l_example": "d2l 的示例",
        "test_shapes_and_dtype": "形状与数据类型",
        "test_meta_device": "meta 设备",
        "d2l_shape": "三个输出卷积核得到三个 2×2 的输出通道，即 (3, 2, 2)；实际得到 {got}",
        "d2l_values": "d2l 的示例应当得到 {expected}；实际得到 {got}。第 o 个通道是 corr2d_multi_in(X, K[o])",
        "shape": "X (3, 6, 5) 和 K (4, 3, 2, 2) 得到 (co, h - kh + 1, w - kw + 1) = (4, 5, 4)；实际得到 {got}",
        "float64": "float64 的输入必须得到 float64 的结果；实际得到 {got}",
        "meta_result": "meta 输入必须得到形状为 (3, 2, 2) 的 meta 结果；实际得到形状 {shape}，位于 {device} 上"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_d2l_example'), points=None, hidden=False)
def test_d2l_example(corr2d_multi_in_out, torch):
    X = torch.tensor([[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]],
                      [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]])
    K = torch.tensor([[[0.0, 1.0], [2.0, 3.0]], [[1.0, 2.0], [3.0, 4.0]]])
    K = torch.stack((K, K + 1, K + 2))
    Y = corr2d_multi_in_out(X, K)
    assert tuple(Y.shape) == (3, 2, 2), explain("d2l_shape", got=tuple(Y.shape))
    expected = torch.tensor([[[56.0, 72.0], [104.0, 120.0]], [[76.0, 100.0], [148.0, 172.0]],
                             [[96.0, 128.0], [192.0, 224.0]]])
    assert torch.allclose(Y, expected), explain("d2l_values", expected=expected.long().tolist(), got=Y.tolist())


@test_case(name=explain('test_shapes_and_dtype'), points=None, hidden=False)
def test_shapes_and_dtype(corr2d_multi_in_out, torch):
    X = torch.randn(3, 6, 5, dtype=torch.float64)
    K = torch.randn(4, 3, 2, 2, dtype=torch.float64)
    Y = corr2d_multi_in_out(X, K)
    assert tuple(Y.shape) == (4, 5, 4), explain("shape", got=tuple(Y.shape))
    assert Y.dtype == torch.float64, explain("float64", got=Y.dtype)


@test_case(name=explain('test_meta_device'), points=None, hidden=False)
def test_meta_device(corr2d_multi_in_out, torch):
    Y = corr2d_multi_in_out(torch.ones(2, 4, 4, device="meta"), torch.ones(3, 2, 3, 3, device="meta"))
    assert Y.device.type == "meta" and tuple(Y.shape) == (3, 2, 2), (
        explain("meta_result", shape=tuple(Y.shape), device=Y.device.type))
