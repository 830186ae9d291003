"""Public checks for convolve2d (generated from 04-convolve2d.md and its translations by `convkit build`): grader.check("convolve2d") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'convolve2d'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_d2l_example_flipped": "d2l example flipped",
        "test_symmetric_kernel_agrees_with_correlation": "symmetric kernel agrees with correlation",
        "test_meta_device": "meta device",
        "shape": "the output has corr2d's shape, (2, 2) here; got {got}",
        "not_flipped": "convolve2d gave cross-correlation's [[19, 25], [37, 43]]: flip the kernel first",
        "d2l_values": "convolve2d on d2l's example should give [[5, 11], [23, 29]] (the kernel flipped in both axes is [[3, 2], [1, 0]]; top left: 0*3 + 1*2 + 3*1 + 4*0 = 5); got {got}",
        "symmetric": "for a kernel that is symmetric under both flips, convolution and cross-correlation agree; they do not here",
        "meta_result": "float64 meta inputs must give a float64 meta result of shape (3, 3); got {shape}, {dtype}, on {device}"
    },
    "zh": {
        "test_d2l_example_flipped": "d2l 的示例（翻转）",
        "test_symmetric_kernel_agrees_with_correlation": "对称卷积核与互相关一致",
        "test_meta_device": "meta 设备",
        "shape": "输出与 corr2d 的形状相同，这里是 (2, 2)；实际得到 {got}",
        "not_flipped": "convolve2d 得到的是互相关运算的 [[19, 25], [37, 43]]：要先翻转卷积核",
        "d2l_values": "在 d2l 的示例上，convolve2d 应当得到 [[5, 11], [23, 29]]（沿两个轴翻转后的卷积核是 [[3, 2], [1, 0]]；左上角：0*3 + 1*2 + 3*1 + 4*0 = 5）；实际得到 {got}",
        "symmetric": "卷积核在两种翻转下都不变时，卷积与互相关运算的结果相同；这里却不相同",
        "meta_result": "float64 的 meta 输入必须得到形状为 (3, 3)、类型为 float64 的 meta 结果；实际得到 {shape}、{dtype}，位于 {device} 上"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_d2l_example_flipped'), points=None, hidden=False)
def test_d2l_example_flipped(convolve2d, torch):
    X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])
    K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
    Y = convolve2d(X, K)
    assert tuple(Y.shape) == (2, 2), explain("shape", got=tuple(Y.shape))
    expected = torch.tensor([[5.0, 11.0], [23.0, 29.0]])
    if torch.allclose(Y, torch.tensor([[19.0, 25.0], [37.0, 43.0]])):
        raise AssertionError(explain("not_flipped"))
    assert torch.allclose(Y, expected), explain("d2l_values", got=Y.tolist())


@test_case(name=explain('test_symmetric_kernel_agrees_with_correlation'), points=None, hidden=False)
def test_symmetric_kernel_agrees_with_correlation(convolve2d, F, torch):
    X = torch.arange(30.0).reshape(5, 6)
    K = torch.tensor([[1.0, 2.0, 1.0], [0.0, 5.0, 0.0], [1.0, 2.0, 1.0]])  # unchanged by both flips
    Y = convolve2d(X, K)
    expected = F.conv2d(X[None, None], K[None, None])[0, 0]  # PyTorch's "convolution" is a cross-correlation
    assert torch.allclose(Y, expected), explain("symmetric")


@test_case(name=explain('test_meta_device'), points=None, hidden=False)
def test_meta_device(convolve2d, torch):
    X = torch.ones(4, 5, device="meta", dtype=torch.float64)
    K = torch.ones(2, 3, device="meta", dtype=torch.float64)
    Y = convolve2d(X, K)
    assert Y.device.type == "meta" and Y.dtype == torch.float64 and tuple(Y.shape) == (3, 3), (
        explain("meta_result", shape=tuple(Y.shape), dtype=Y.dtype, device=Y.device.type))
