"""Public checks for corr2d_matmul (generated from 12-corr2d_matmul.md by `convkit build`): grader.check("corr2d_matmul") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'corr2d_matmul'
points = None


@test_case(name='corr2d matmul d2l example', points=None, hidden=False)
def test_corr2d_matmul_d2l_example(corr2d_matmul, torch):
    X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])
    K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
    Y = corr2d_matmul(X, K)
    assert tuple(Y.shape) == (2, 2), f"the result has corr2d's shape, (2, 2) here; got {tuple(Y.shape)}"
    assert torch.allclose(Y, torch.tensor([[19.0, 25.0], [37.0, 43.0]])), (
        f"corr2d_matmul on d2l's example should give corr2d's [[19, 25], [37, 43]]; got {Y.tolist()}")


@test_case(name='uses a matmul', points=None, hidden=False)
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
            ("corr2d_matmul", lambda: corr2d_matmul(X, K),
             "the windows of X as the rows of an (oh*ow, kh*kw) matrix, times K.reshape(-1)"),
            ("transpose_corr2d", lambda: transpose_corr2d(Y, K, (5, 6)),
             "C.T @ Y.reshape(-1) with C = kernel_matrix(K, input_shape)")):
        with Record() as record:
            call()
        convolutions = sorted(n for n in record.names if "conv" in n)
        assert not convolutions, f"no convolution may compute the result of {name}; these ran: {convolutions}"
        assert record.names & matmuls, (
            f"{name} must use a matrix multiplication (@, torch.matmul, torch.mv, ...): {hint}")


@test_case(name='kernel matrix d2l example', points=None, hidden=False)
def test_kernel_matrix_d2l_example(kernel_matrix, torch):
    X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])
    K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])
    C = kernel_matrix(K, (3, 3))
    assert tuple(C.shape) == (4, 9), (
        f"C has one row per output (2*2 = 4) and one column per input pixel (3*3 = 9); got shape {tuple(C.shape)}")
    assert torch.allclose(C[0], torch.tensor([0.0, 1.0, 0.0, 2.0, 3.0, 0.0, 0.0, 0.0, 0.0])), (
        f"row 0 holds K under the window at (0, 0), pixels 0, 1, 3, 4 of the flattened 3×3 image: "
        f"[0, 1, 0, 2, 3, 0, 0, 0, 0]; got {C[0].tolist()}")
    assert torch.allclose(C @ X.reshape(-1), torch.tensor([19.0, 25.0, 37.0, 43.0])), (
        f"C @ X.reshape(-1) must equal corr2d(X, K).reshape(-1) = [19, 25, 37, 43]; got {(C @ X.reshape(-1)).tolist()}")


@test_case(name='transpose corr2d', points=None, hidden=False)
def test_transpose_corr2d(transpose_corr2d, F, torch):
    ones = transpose_corr2d(torch.ones(2, 2), torch.ones(2, 2), (3, 3))
    assert tuple(ones.shape) == (3, 3), f"the result has the input's shape (3, 3); got {tuple(ones.shape)}"
    assert torch.allclose(ones, torch.tensor([[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]])), (
        "with Y and K all ones, each pixel receives one 1 per window that covers it: [[1, 2, 1], [2, 4, 2], "
        f"[1, 2, 1]]; got {ones.tolist()}")
    Y, K = torch.randn(3, 4, dtype=torch.float64), torch.randn(2, 2, dtype=torch.float64)
    got = transpose_corr2d(Y, K, (4, 5))
    assert torch.allclose(got, F.conv_transpose2d(Y[None, None], K[None, None])[0, 0]), (
        "transpose_corr2d must equal PyTorch's F.conv_transpose2d(Y[None, None], K[None, None])[0, 0]")
