"""Public checks for corr2d_strided (generated from 02-corr2d_strided.md and its translations by `convkit build`): grader.check("corr2d_strided") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'corr2d_strided'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_d2l_shapes": "d2l shapes",
        "test_values_match_f_conv2d": "values match f conv2d",
        "test_keeps_float64_and_meta": "keeps float64 and meta",
        "d2l_shape": "d2l's example: an 8×8 input, kernel {kernel}, padding {padding}, stride {stride} gives {expected} (floor((n + 2p - k) / s) + 1 per dimension); got {got}",
        "values": "with padding={padding}, stride={stride} the result must equal F.conv2d's: pad with zeros first, then move the window by the stride (Y[i, j] uses Xp[i*sh : i*sh + kh, j*sw : j*sw + kw])",
        "float64": "float64 inputs must give a float64 result; got {got}",
        "meta_result": "meta inputs must give a (3, 3) meta result; got {shape} on {device}"
    },
    "zh": {
        "test_d2l_shapes": "d2l 的形状",
        "test_values_match_f_conv2d": "值与 F.conv2d 一致",
        "test_keeps_float64_and_meta": "保持 float64 与 meta",
        "d2l_shape": "d2l 的示例：8×8 的输入，卷积核 {kernel}，填充 {padding}，步幅 {stride}，得到 {expected}（每个维度上为 floor((n + 2p - k) / s) + 1）；实际得到 {got}",
        "values": "当 padding={padding}、stride={stride} 时，结果必须等于 F.conv2d 的结果：先用零填充，再按步幅移动窗口（Y[i, j] 用的是 Xp[i*sh : i*sh + kh, j*sw : j*sw + kw]）",
        "float64": "float64 的输入必须得到 float64 的结果；实际得到 {got}",
        "meta_result": "meta 输入必须得到形状为 (3, 3) 的 meta 结果；实际得到形状 {shape}，位于 {device} 上"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_d2l_shapes'), points=None, hidden=False)
def test_d2l_shapes(corr2d_strided, torch):
    X = torch.ones(8, 8)
    cases = [((3, 3), 1, 1, (8, 8)), ((5, 3), (2, 1), 1, (8, 8)), ((3, 3), 1, 2, (4, 4)), ((3, 5), (0, 1), (3, 4), (2, 2))]
    for kernel, padding, stride, expected in cases:
        Y = corr2d_strided(X, torch.ones(kernel), padding, stride)
        assert tuple(Y.shape) == expected, (
            explain("d2l_shape", kernel=kernel, padding=padding, stride=stride, expected=expected, got=tuple(Y.shape)))


@test_case(name=explain('test_values_match_f_conv2d'), points=None, hidden=False)
def test_values_match_f_conv2d(corr2d_strided, F, torch):
    X = torch.arange(42.0).reshape(6, 7)
    K = torch.tensor([[1.0, 0.0, -1.0], [2.0, 0.5, -2.0]])
    for padding, stride in ((0, 1), (1, 1), (0, 2), ((1, 2), (2, 3))):
        Y = corr2d_strided(X, K, padding, stride)
        expected = F.conv2d(X[None, None], K[None, None], padding=padding, stride=stride)[0, 0]
        assert tuple(Y.shape) == tuple(expected.shape) and torch.allclose(Y, expected), (
            explain("values", padding=padding, stride=stride))


@test_case(name=explain('test_keeps_float64_and_meta'), points=None, hidden=False)
def test_keeps_float64_and_meta(corr2d_strided, torch):
    Y = corr2d_strided(torch.ones(5, 5, dtype=torch.float64), torch.ones(2, 2, dtype=torch.float64), 1, 2)
    assert Y.dtype == torch.float64, explain("float64", got=Y.dtype)
    M = corr2d_strided(torch.ones(5, 5, device="meta"), torch.ones(2, 2, device="meta"), 1, 2)
    assert M.device.type == "meta" and tuple(M.shape) == (3, 3), (
        explain("meta_result", shape=tuple(M.shape), device=M.device.type))
