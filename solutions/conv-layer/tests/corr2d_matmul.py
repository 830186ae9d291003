"""Public checks for corr2d_matmul (generated from 12-corr2d_matmul.md and its translations by `convkit build`): grader.check("corr2d_matmul") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'corr2d_matmul'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_corr2d_matmul_d2l_example": "corr2d matmul d2l example",
        "test_uses_a_matmul": "uses a matmul",
        "test_kernel_matrix_d2l_example": "kernel matrix d2l example",
        "test_transpose_corr2d": "transpose corr2d",
        "shape": "the result has corr2d's shape, (2, 2) here; got {got}",
        "d2l_values": "corr2d_matmul on d2l's example should give corr2d's [[19, 25], [37, 43]]; got {got}",
        "hint_im2col": "the windows of X as the rows of an (oh*ow, kh*kw) matrix, times K.reshape(-1)",
        "hint_transpose": "C.T @ Y.reshape(-1) with C = kernel_matrix(K, input_shape)",
        "convolution_ran": "no convolution may compute the result of {function}; these ran: {ran}",
        "no_matmul": "{function} must use a matrix multiplication (@, torch.matmul, torch.mv, ...): {hint}",
        "matrix_shape": "C has one row per output (2*2 = 4) and one column per input pixel (3*3 = 9); got shape {got}",
        "first_row": "row 0 holds K under the window at (0, 0), pixels 0, 1, 3, 4 of the flattened 3×3 image: [0, 1, 0, 2, 3, 0, 0, 0, 0]; got {got}",
        "product": "C @ X.reshape(-1) must equal corr2d(X, K).reshape(-1) = [19, 25, 37, 43]; got {got}",
        "transpose_shape": "the result has the input's shape (3, 3); got {got}",
        "transpose_ones": "with Y and K all ones, each pixel receives one 1 per window that covers it: [[1, 2, 1], [2, 4, 2], [1, 2, 1]]; got {got}",
        "transpose_values": "transpose_corr2d must equal PyTorch's F.conv_transpose2d(Y[None, None], K[None, None])[0, 0]"
    },
    "zh": {
        "test_corr2d_matmul_d2l_example": "corr2d_matmul 在 d2l 示例上",
        "test_uses_a_matmul": "使用矩阵乘法",
        "test_kernel_matrix_d2l_example": "kernel_matrix 在 d2l 示例上",
        "test_transpose_corr2d": "transpose_corr2d",
        "shape": "结果与 corr2d 的形状相同，这里是 (2, 2)；实际得到 {got}",
        "d2l_values": "在 d2l 的示例上，corr2d_matmul 应当得到与 corr2d 相同的 [[19, 25], [37, 43]]；实际得到 {got}",
        "hint_im2col": "把 X 的各个窗口作为 (oh*ow, kh*kw) 矩阵的各行，再乘以 K.reshape(-1)",
        "hint_transpose": "C.T @ Y.reshape(-1)，其中 C = kernel_matrix(K, input_shape)",
        "convolution_ran": "{function} 的结果不能由卷积计算；实际运行了这些：{ran}",
        "no_matmul": "{function} 必须使用矩阵乘法（@、torch.matmul、torch.mv 等）：{hint}",
        "matrix_shape": "C 的每一行对应一个输出（2*2 = 4），每一列对应一个输入像素（3*3 = 9）；实际形状为 {got}",
        "first_row": "第 0 行在位置 (0, 0) 的窗口下放着 K，即展平后的 3×3 图像的第 0、1、3、4 个像素：[0, 1, 0, 2, 3, 0, 0, 0, 0]；实际得到 {got}",
        "product": "C @ X.reshape(-1) 必须等于 corr2d(X, K).reshape(-1) = [19, 25, 37, 43]；实际得到 {got}",
        "transpose_shape": "结果与输入的形状相同，为 (3, 3)；实际得到 {got}",
        "transpose_ones": "当 Y 和 K 全为 1 时，每个像素被几个窗口覆盖，就得到几个 1：[[1, 2, 1], [2, 4, 2], [1, 2, 1]]；实际得到 {got}",
        "transpose_values": "transpose_corr2d 必须等于 PyTorch 的 F.conv_transpose2d(Y[None, None], K[None, None])[0, 0]"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_corr2d_matmul_d2l_example'), points=None, hidden=False)
def test_corr2d_matmul_d2l_example(corr2d_matmul, torch):
    X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])
    K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
    Y = corr2d_matmul(X, K)
    assert tuple(Y.shape) == (2, 2), explain("shape", got=tuple(Y.shape))
    assert torch.allclose(Y, torch.tensor([[19.0, 25.0], [37.0, 43.0]])), explain("d2l_values", got=Y.tolist())


@test_case(name=explain('test_uses_a_matmul'), points=None, hidden=False)
def test_uses_a_matmul(corr2d_matmul, transpose_corr2d, torch):
    from torch.overrides import TorchFunctionMode

    class Record(TorchFunctionMode):  # records the names of the torch functions that run
        def __init__(self):
            super().__init__()
            self.names = set()

        def __torch_function__(self, func, types, args=(), kwargs=None):
            self.names.add(getattr(func, "__name__", str(func)))
            return func(*args, **(kwargs or {}))

    matmuls = {"matmul", "__matmul__", "__rmatmul__", "mm", "mv", "bmm", "einsum", "tensordot", "dot", "inner", "linear"}
    X, K, Y = torch.randn(5, 6), torch.randn(2, 3), torch.randn(4, 4)
    for name, call, hint in (
            ("corr2d_matmul", lambda: corr2d_matmul(X, K), explain("hint_im2col")),
            ("transpose_corr2d", lambda: transpose_corr2d(Y, K, (5, 6)), explain("hint_transpose"))):
        with Record() as record:
            call()
        convolutions = sorted(n for n in record.names if "conv" in n)
        assert not convolutions, explain("convolution_ran", function=name, ran=convolutions)
        assert record.names & matmuls, explain("no_matmul", function=name, hint=hint)


@test_case(name=explain('test_kernel_matrix_d2l_example'), points=None, hidden=False)
def test_kernel_matrix_d2l_example(kernel_matrix, torch):
    X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])
    K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
    C = kernel_matrix(K, (3, 3))
    assert tuple(C.shape) == (4, 9), explain("matrix_shape", got=tuple(C.shape))
    assert torch.allclose(C[0], torch.tensor([0.0, 1.0, 0.0, 2.0, 3.0, 0.0, 0.0, 0.0, 0.0])), (
        explain("first_row", got=C[0].tolist()))
    assert torch.allclose(C @ X.reshape(-1), torch.tensor([19.0, 25.0, 37.0, 43.0])), (
        explain("product", got=(C @ X.reshape(-1)).tolist()))


@test_case(name=explain('test_transpose_corr2d'), points=None, hidden=False)
def test_transpose_corr2d(transpose_corr2d, F, torch):
    ones = transpose_corr2d(torch.ones(2, 2), torch.ones(2, 2), (3, 3))
    assert tuple(ones.shape) == (3, 3), explain("transpose_shape", got=tuple(ones.shape))
    assert torch.allclose(ones, torch.tensor([[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]])), (
        explain("transpose_ones", got=ones.tolist()))
    Y, K = torch.randn(3, 4, dtype=torch.float64), torch.randn(2, 2, dtype=torch.float64)
    got = transpose_corr2d(Y, K, (4, 5))
    assert torch.allclose(got, F.conv_transpose2d(Y[None, None], K[None, None])[0, 0]), explain("transpose_values")
