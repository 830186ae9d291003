"""Public checks for corr2d_multi_in (generated from 03-corr2d_multi_in.md and its translations by `convkit build`): grader.check("corr2d_multi_in") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'corr2d_multi_in'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_d2l_example": "d2l example",
        "test_channels_add_up": "channels add up",
        "test_meta_device": "meta device",
        "d2l_shape": "two channels of 3×3 with a (2, 2, 2) kernel give one 2×2 image (no channel dimension); got {got}",
        "d2l_values": "d2l's example should give [[56, 72], [104, 120]] (top left: 19 from channel 0 plus 37 from channel 1); got {got}",
        "shape": "X (5, 4, 6) and K (5, 2, 3) give (4 - 2 + 1, 6 - 3 + 1) = (3, 4); got {got}. X.shape[0] is the number of channels, not the height",
        "not_a_sum": "the result is a sum over channels: channels 0-1 plus channels 2-4 must give the same",
        "float64": "float64 inputs must give a float64 result; got {got}",
        "meta_result": "meta inputs must give a (4, 5) meta result; got {shape} on {device}"
    },
    "zh": {
        "test_d2l_example": "d2l 的示例",
        "test_channels_add_up": "各通道相加",
        "test_meta_device": "meta 设备",
        "d2l_shape": "两个 3×3 的通道配上 (2, 2, 2) 的卷积核，得到一个 2×2 的图像（没有通道维）；实际得到 {got}",
        "d2l_values": "d2l 的示例应当得到 [[56, 72], [104, 120]]（左上角：通道 0 的 19 加上通道 1 的 37）；实际得到 {got}",
        "shape": "X (5, 4, 6) 和 K (5, 2, 3) 得到 (4 - 2 + 1, 6 - 3 + 1) = (3, 4)；实际得到 {got}。X.shape[0] 是通道数，不是高",
        "not_a_sum": "结果是对通道求和：通道 0-1 的结果加上通道 2-4 的结果必须与之相同",
        "float64": "float64 的输入必须得到 float64 的结果；实际得到 {got}",
        "meta_result": "meta 输入必须得到形状为 (4, 5) 的 meta 结果；实际得到形状 {shape}，位于 {device} 上"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_d2l_example'), points=None, hidden=False)
def test_d2l_example(corr2d_multi_in, torch):
    X = torch.tensor([[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]],
                      [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]])
    K = torch.tensor([[[0.0, 1.0], [2.0, 3.0]], [[1.0, 2.0], [3.0, 4.0]]])
    Y = corr2d_multi_in(X, K)
    assert tuple(Y.shape) == (2, 2), explain("d2l_shape", got=tuple(Y.shape))
    assert torch.allclose(Y, torch.tensor([[56.0, 72.0], [104.0, 120.0]])), explain("d2l_values", got=Y.tolist())


@test_case(name=explain('test_channels_add_up'), points=None, hidden=False)
def test_channels_add_up(corr2d_multi_in, torch):
    X = torch.randn(5, 4, 6, dtype=torch.float64)  # 5 channels, height 4, width 6
    K = torch.randn(5, 2, 3, dtype=torch.float64)
    Y = corr2d_multi_in(X, K)
    assert tuple(Y.shape) == (3, 4), explain("shape", got=tuple(Y.shape))
    parts = corr2d_multi_in(X[:2], K[:2]) + corr2d_multi_in(X[2:], K[2:])
    assert torch.allclose(Y, parts), explain("not_a_sum")
    assert Y.dtype == torch.float64, explain("float64", got=Y.dtype)


@test_case(name=explain('test_meta_device'), points=None, hidden=False)
def test_meta_device(corr2d_multi_in, torch):
    Y = corr2d_multi_in(torch.ones(3, 5, 6, device="meta"), torch.ones(3, 2, 2, device="meta"))
    assert Y.device.type == "meta" and tuple(Y.shape) == (4, 5), (
        explain("meta_result", shape=tuple(Y.shape), device=Y.device.type))
