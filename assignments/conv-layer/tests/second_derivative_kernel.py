"""Public checks for second_derivative_kernel (generated from 08-second_derivative_kernel.md by `convkit build`): grader.check("second_derivative_kernel") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'second_derivative_kernel'
points = None


@test_case(name='exact on x squared', points=None, hidden=False)
def test_exact_on_x_squared(second_derivative_kernel, F, torch):
    K = second_derivative_kernel().double()
    assert K.dim() == 2, f"return a 2-D kernel, e.g. torch.tensor([[...]]) for one row; got shape {tuple(K.shape)}"
    x = torch.arange(10, dtype=torch.float64)[None, :].expand(6, 10)
    Y = F.conv2d((x ** 2)[None, None], K[None, None])[0, 0]
    assert torch.allclose(Y, torch.full_like(Y, 2.0)), (
        f"on f = x**2 (x the column index) the second derivative is 2 everywhere; got values from "
        f"{Y.min().item():.4g} to {Y.max().item():.4g}")


@test_case(name='ignores changes down the height', points=None, hidden=False)
def test_ignores_changes_down_the_height(second_derivative_kernel, F, torch):
    K = second_derivative_kernel().double()
    i = torch.arange(8, dtype=torch.float64)[:, None].expand(8, 9)
    x = torch.arange(9, dtype=torch.float64)[None, :].expand(8, 9)
    f = 0.5 * x ** 2 - 3 * x + 4 + torch.sin(i)  # f_xx = 1, whatever happens down the height
    Y = F.conv2d(f[None, None], K[None, None])[0, 0]
    assert torch.allclose(Y, torch.ones_like(Y)), (
        "on 0.5*x**2 - 3*x + 4 + sin(i) the second derivative along the width is 1 everywhere: the kernel "
        f"must cancel constants, linear terms and anything that varies only down the height; "
        f"got values from {Y.min().item():.4g} to {Y.max().item():.4g}")
