"""Public checks for blur_kernel (generated from 10-blur_kernel.md by `convkit build`): grader.check("blur_kernel") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'blur_kernel'
points = None


@test_case(name='properties size 3', points=None, hidden=False)
def test_properties_size_3(blur_kernel, torch):
    K = blur_kernel(3).double()
    assert tuple(K.shape) == (3, 3), f"blur_kernel(3) must be 3×3; got shape {tuple(K.shape)}"
    assert bool((K >= 0).all()), "a blur averages its neighbours: every tap must be >= 0"
    assert abs(K.sum().item() - 1.0) < 1e-6, f"the taps must sum to 1 (a weighted average); they sum to {K.sum().item():.6g}"
    assert torch.allclose(K, K.flip(0)) and torch.allclose(K, K.flip(1)), (
        "the kernel must be unchanged by K.flip(0) and K.flip(1), or it shifts the image")


@test_case(name='even size keeps constants', points=None, hidden=False)
def test_even_size_keeps_constants(blur_kernel, F, torch):
    K = blur_kernel(4).double()
    assert tuple(K.shape) == (4, 4), f"blur_kernel(4) must be 4×4; got shape {tuple(K.shape)}"
    assert torch.allclose(K, K.flip(0)) and torch.allclose(K, K.flip(1)), (
        "for an even size the centre is between two pixels, at (size - 1) / 2 = 1.5: the kernel must "
        "still be unchanged by both flips")
    X = torch.full((9, 9), 3.0, dtype=torch.float64)
    Y = F.conv2d(X[None, None], K[None, None])[0, 0]
    assert torch.allclose(Y, torch.full_like(Y, 3.0)), "a blur must leave a constant image unchanged"


@test_case(name='lowers noise', points=None, hidden=False)
def test_lowers_noise(blur_kernel, F, torch):
    K = blur_kernel(3).double()
    noise = torch.randn(128, 128, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    Y = F.conv2d(noise[None, None], K[None, None])[0, 0]
    ratio = (Y.var() / noise.var()).item()
    assert ratio < 0.98, (
        f"blurring white noise should clearly lower its variance; Y.var() / X.var() = {ratio:.3g}. "
        f"Spread the weight over several taps")
