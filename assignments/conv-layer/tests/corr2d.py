"""Public checks for corr2d (generated from 01-corr2d.md and its translations by `convkit build`): grader.check("corr2d") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'corr2d'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_d2l_example": "d2l example",
        "test_non_square_shapes": "non square shapes",
        "test_keeps_float64": "keeps float64",
        "test_meta_device": "meta device",
        "not_a_tensor": "corr2d must return a tensor; got {got}",
        "d2l_shape": "a 3×3 image and a 2×2 kernel give a (3 - 2 + 1, 3 - 2 + 1) = (2, 2) output; got shape {got}",
        "d2l_values": "corr2d on d2l's example should give [[19, 25], [37, 43]] (top left: 0*0 + 1*1 + 3*2 + 4*3 = 19); got {got}. Y[i, j] = (X[i:i+kh, j:j+kw] * K).sum(); do not flip K",
        "non_square_shape": "a 6×8 image and a 1×2 kernel give (6 - 1 + 1, 8 - 2 + 1) = (6, 7); got {got}. Dimension 0 is the height, dimension 1 the width",
        "non_square_values": "with a 2×3 kernel on a 6×8 image the result must be (5, 6) and equal F.conv2d's; window (i, j) is X[i:i+kh, j:j+kw], kh rows (height) by kw columns (width)",
        "float64": "float64 inputs must give a float64 result; got {got}. torch.zeros(shape) creates float32: use dtype=X.dtype, or build Y from operations on X and K",
        "meta_failed": "corr2d failed on meta tensors ({error}). A tensor made without device=X.device lives on the CPU; the same code would fail on a GPU",
        "meta_result": "meta inputs must give a (2, 2) meta result; got shape {shape} on {device}"
    },
    "zh": {
        "test_d2l_example": "d2l 的示例",
        "test_non_square_shapes": "非正方形的形状",
        "test_keeps_float64": "保持 float64",
        "test_meta_device": "meta 设备",
        "not_a_tensor": "corr2d 必须返回张量；实际返回的是 {got}",
        "d2l_shape": "3×3 的图像和 2×2 的卷积核得到 (3 - 2 + 1, 3 - 2 + 1) = (2, 2) 的输出；实际形状为 {got}",
        "d2l_values": "在 d2l 的示例上，corr2d 应当得到 [[19, 25], [37, 43]]（左上角：0*0 + 1*1 + 3*2 + 4*3 = 19）；实际得到 {got}。Y[i, j] = (X[i:i+kh, j:j+kw] * K).sum()；不要翻转 K",
        "non_square_shape": "6×8 的图像和 1×2 的卷积核得到 (6 - 1 + 1, 8 - 2 + 1) = (6, 7)；实际得到 {got}。第 0 维是高，第 1 维是宽",
        "non_square_values": "2×3 的卷积核作用在 6×8 的图像上，结果的形状必须是 (5, 6)，并且与 F.conv2d 的结果相同；窗口 (i, j) 是 X[i:i+kh, j:j+kw]，即 kh 行（高）、kw 列（宽）",
        "float64": "float64 的输入必须得到 float64 的结果；实际得到 {got}。torch.zeros(shape) 创建的是 float32：请用 dtype=X.dtype，或者直接由 X 和 K 的运算得到 Y",
        "meta_failed": "corr2d 在 meta 张量上出错（{error}）。不指定 device=X.device 创建的张量位于 CPU 上；同样的代码在 GPU 上也会出错",
        "meta_result": "meta 输入必须得到形状为 (2, 2) 的 meta 结果；实际得到的结果形状为 {shape}，位于 {device} 上"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_d2l_example'), points=None, hidden=False)
def test_d2l_example(corr2d, torch):
    X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])
    K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
    Y = corr2d(X, K)
    assert isinstance(Y, torch.Tensor), explain("not_a_tensor", got=type(Y).__name__)
    assert tuple(Y.shape) == (2, 2), explain("d2l_shape", got=tuple(Y.shape))
    expected = torch.tensor([[19.0, 25.0], [37.0, 43.0]])
    assert torch.allclose(Y.double(), expected.double()), explain("d2l_values", got=Y.tolist())


@test_case(name=explain('test_non_square_shapes'), points=None, hidden=False)
def test_non_square_shapes(corr2d, F, torch):
    Y = corr2d(torch.ones(6, 8), torch.ones(1, 2))
    assert tuple(Y.shape) == (6, 7), explain("non_square_shape", got=tuple(Y.shape))
    X = torch.arange(48.0).reshape(6, 8)
    K = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    expected = F.conv2d(X[None, None], K[None, None])[0, 0]  # PyTorch's conv2d is a cross-correlation
    Y = corr2d(X, K)
    assert tuple(Y.shape) == (5, 6) and torch.allclose(Y, expected), explain("non_square_values")


@test_case(name=explain('test_keeps_float64'), points=None, hidden=False)
def test_keeps_float64(corr2d, torch):
    X = torch.arange(20, dtype=torch.float64).reshape(4, 5)
    K = torch.tensor([[1.0, 0.5], [0.25, -1.0]], dtype=torch.float64)
    Y = corr2d(X, K)
    assert Y.dtype == torch.float64, explain("float64", got=Y.dtype)


@test_case(name=explain('test_meta_device'), points=None, hidden=False)
def test_meta_device(corr2d, torch):
    X = torch.ones(3, 3, device="meta")
    K = torch.ones(2, 2, device="meta")
    try:
        Y = corr2d(X, K)
    except Exception as error:
        raise AssertionError(explain("meta_failed", error=f"{type(error).__name__}: {error}")) from None
    assert Y.device.type == "meta" and tuple(Y.shape) == (2, 2), (
        explain("meta_result", shape=tuple(Y.shape), device=Y.device.type))
