"""Public checks for derivative_kernel (generated from 11-derivative_kernel.md by `convkit build`): grader.check("derivative_kernel") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'derivative_kernel'
points = None


@test_case(name='first derivative', points=None, hidden=False)
def test_first_derivative(derivative_kernel, min_derivative_kernel_size, F, torch):
    K = derivative_kernel(1).double()
    assert tuple(K.shape) == (1, 2), f"derivative_kernel(1) must have shape (1, 1 + 1) = (1, 2); got {tuple(K.shape)}"
    x = torch.arange(8, dtype=torch.float64)[None, :].expand(4, 8)
    Y = F.conv2d((3 * x + 2)[None, None], K[None, None])[0, 0]
    assert torch.allclose(Y, torch.full_like(Y, 3.0)), (
        f"on 3*x + 2 the first derivative is 3 everywhere; got {Y[0].tolist()}. Cross-correlation reads "
        f"f(x), f(x+1): the kernel [[1, -1]] gives -f'")
    assert min_derivative_kernel_size(1) == 2, (
        "a first derivative needs two samples (d2l's edge detector has two taps): min_derivative_kernel_size(1) == 2")


@test_case(name='x to the d gives factorial', points=None, hidden=False)
def test_x_to_the_d_gives_factorial(derivative_kernel, F, torch, math):
    x = torch.arange(10, dtype=torch.float64)[None, :].expand(3, 10)
    for d in (2, 3):
        K = derivative_kernel(d).double()
        assert tuple(K.shape) == (1, d + 1), f"derivative_kernel({d}) must have shape (1, {d + 1}); got {tuple(K.shape)}"
        Y = F.conv2d((x ** d)[None, None], K[None, None])[0, 0]
        assert torch.allclose(Y, torch.full_like(Y, float(math.factorial(d)))), (
            f"on x**{d} the {d}-th derivative is {d}! = {math.factorial(d)} everywhere; got {Y[0].tolist()}")
