"""Public checks for pad2d (generated from 01-pad2d.md and its translations by `convkit build`): grader.check("pad2d") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'pad2d'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_zero_padding": "zero padding",
        "test_modes_on_one_row": "modes on one row",
        "test_matches_f_pad": "matches f pad",
        "test_meta_device": "meta device",
        "zeros_shape": "padding 1 adds one row/column on every side: (3 + 2, 3 + 2) = (5, 5); got {got}",
        "middle": "the image must sit unchanged in the middle of the padded image",
        "frame": "the default mode is 'zeros': the frame around the image must be 0",
        "row_shape": "padding (0, 2) adds no rows and two columns on each side: (1, 7); got {got} for mode {mode!r}",
        "row_values": "{mode!r} padding of [1, 2, 3] by 2 should give {expected}; got {got}",
        "f_pad_shape": "a 4×5 image padded by (2, 3) is (4 + 4, 5 + 6) = (8, 11); got {got}",
        "f_pad_values": "mode {mode!r} with padding (2, 3) must match F.pad (2 rows on top and bottom, 3 columns left and right)",
        "float64": "a float64 image must stay float64; got {got} for mode {mode!r}",
        "meta_result": "a meta image must give a meta result of shape (6, 9) in mode {mode!r}; got {shape} on {device}. Create new tensors with X.new_zeros(...) or device=X.device"
    },
    "zh": {
        "test_zero_padding": "零填充",
        "test_modes_on_one_row": "在一行上的各种模式",
        "test_matches_f_pad": "与 F.pad 一致",
        "test_meta_device": "meta 设备",
        "zeros_shape": "填充 1 在每一侧加一行或一列：(3 + 2, 3 + 2) = (5, 5)；实际得到 {got}",
        "middle": "原图像必须原封不动地位于填充后图像的中间",
        "frame": "默认模式是 'zeros'：图像周围的一圈必须为 0",
        "row_shape": "填充 (0, 2) 不加行，在每一侧加两列：(1, 7)；模式 {mode!r} 实际得到 {got}",
        "row_values": "用 {mode!r} 把 [1, 2, 3] 填充 2 应当得到 {expected}；实际得到 {got}",
        "f_pad_shape": "4×5 的图像按 (2, 3) 填充后为 (4 + 4, 5 + 6) = (8, 11)；实际得到 {got}",
        "f_pad_values": "模式 {mode!r}、填充 (2, 3) 的结果必须与 F.pad 一致（上下各 2 行，左右各 3 列）",
        "float64": "float64 的图像必须保持 float64；模式 {mode!r} 实际得到 {got}",
        "meta_result": "在模式 {mode!r} 下，meta 图像必须得到形状为 (6, 9) 的 meta 结果；实际得到形状 {shape}，位于 {device} 上。请用 X.new_zeros(...) 或 device=X.device 创建新张量"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_zero_padding'), points=None, hidden=False)
def test_zero_padding(pad2d, torch):
    X = torch.arange(9.0).reshape(3, 3)
    Y = pad2d(X, 1)
    assert tuple(Y.shape) == (5, 5), explain("zeros_shape", got=tuple(Y.shape))
    assert torch.equal(Y[1:4, 1:4], X), explain("middle")
    border = Y.clone()
    border[1:4, 1:4] = 0
    assert bool((border == 0).all()), explain("frame")


@test_case(name=explain('test_modes_on_one_row'), points=None, hidden=False)
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
        assert tuple(Y.shape) == (1, 7), explain("row_shape", got=tuple(Y.shape), mode=mode)
        assert Y[0].tolist() == row, explain("row_values", mode=mode, expected=row, got=Y[0].tolist())


@test_case(name=explain('test_matches_f_pad'), points=None, hidden=False)
def test_matches_f_pad(pad2d, F, torch):
    X = torch.randn(4, 5, dtype=torch.float64)
    for mode in ("zeros", "reflect", "replicate", "circular"):
        Y = pad2d(X, (2, 3), mode)
        expected = F.pad(X[None], (3, 3, 2, 2), mode="constant" if mode == "zeros" else mode)[0]
        assert tuple(Y.shape) == (8, 11), explain("f_pad_shape", got=tuple(Y.shape))
        assert torch.equal(Y, expected), explain("f_pad_values", mode=mode)
        assert Y.dtype == torch.float64, explain("float64", got=Y.dtype, mode=mode)


@test_case(name=explain('test_meta_device'), points=None, hidden=False)
def test_meta_device(pad2d, torch):
    X = torch.ones(4, 5, device="meta")
    for mode in ("zeros", "reflect"):
        Y = pad2d(X, (1, 2), mode)
        assert Y.device.type == "meta" and tuple(Y.shape) == (6, 9), (
            explain("meta_result", mode=mode, shape=tuple(Y.shape), device=Y.device.type))
