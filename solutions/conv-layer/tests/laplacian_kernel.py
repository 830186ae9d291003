"""Public checks for laplacian_kernel (generated from 09-laplacian_kernel.md by `convkit build`): grader.check("laplacian_kernel") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'laplacian_kernel'
points = None


@test_case(name='shape and i2 plus j2', points=None, hidden=False)
def test_shape_and_i2_plus_j2(laplacian_kernel, F, torch):
    K = laplacian_kernel().double()
    assert tuple(K.shape) == (3, 3), f"laplacian_kernel() must be 3×3; got shape {tuple(K.shape)}"
    i = torch.arange(7, dtype=torch.float64)[:, None].expand(7, 8)
    j = torch.arange(8, dtype=torch.float64)[None, :].expand(7, 8)
    Y = F.conv2d((i ** 2 + j ** 2)[None, None], K[None, None])[0, 0]
    assert torch.allclose(Y, torch.full_like(Y, 4.0)), (
        f"on i**2 + j**2 the Laplacian is 2 + 2 = 4 everywhere; got values from {Y.min().item():.4g} "
        f"to {Y.max().item():.4g}")


@test_case(name='mixed term and ramps cancel', points=None, hidden=False)
def test_mixed_term_and_ramps_cancel(laplacian_kernel, F, torch):
    K = laplacian_kernel().double()
    i = torch.arange(7, dtype=torch.float64)[:, None].expand(7, 8)
    j = torch.arange(8, dtype=torch.float64)[None, :].expand(7, 8)
    for name, f in (("i*j", i * j), ("the ramp 2*i - j + 5", 2 * i - j + 5)):
        Y = F.conv2d(f[None, None], K[None, None])[0, 0]
        assert torch.allclose(Y, torch.zeros_like(Y), atol=1e-9), (
            f"{name} has no Laplacian (f_xx + f_yy = 0): the response must be 0 everywhere; "
            f"largest response {Y.abs().max().item():.4g}")
