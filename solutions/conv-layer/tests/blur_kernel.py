"""Public checks for blur_kernel (generated from 10-blur_kernel.md and its translations by `convkit build`): grader.check("blur_kernel") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'blur_kernel'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_properties_size_3": "properties size 3",
        "test_even_size_keeps_constants": "even size keeps constants",
        "test_lowers_noise": "lowers noise",
        "shape_3": "blur_kernel(3) must be 3×3; got shape {got}",
        "negative": "a blur averages its neighbours: every tap must be >= 0",
        "sum": "the taps must sum to 1 (a weighted average); they sum to {got:.6g}",
        "not_symmetric": "the kernel must be unchanged by K.flip(0) and K.flip(1), or it shifts the image",
        "shape_4": "blur_kernel(4) must be 4×4; got shape {got}",
        "even_not_symmetric": "for an even size the centre is between two pixels, at (size - 1) / 2 = 1.5: the kernel must still be unchanged by both flips",
        "constant_changed": "a blur must leave a constant image unchanged",
        "noise": "blurring white noise should clearly lower its variance; Y.var() / X.var() = {ratio:.3g}. Spread the weight over several taps"
    },
    "zh": {
        "test_properties_size_3": "尺寸为 3 时的性质",
        "test_even_size_keeps_constants": "偶数尺寸保持常数不变",
        "test_lowers_noise": "降低噪声",
        "shape_3": "blur_kernel(3) 必须是 3×3 的；实际形状为 {got}",
        "negative": "模糊是对邻居求平均：每个元素都必须 >= 0",
        "sum": "所有元素之和必须为 1（加权平均）；实际之和为 {got:.6g}",
        "not_symmetric": "卷积核在 K.flip(0) 和 K.flip(1) 下都必须不变，否则会让图像偏移",
        "shape_4": "blur_kernel(4) 必须是 4×4 的；实际形状为 {got}",
        "even_not_symmetric": "尺寸为偶数时，中心位于两个像素之间，在 (size - 1) / 2 = 1.5 处：卷积核仍然必须在两种翻转下都不变",
        "constant_changed": "模糊必须让常数图像保持不变",
        "noise": "对白噪声做模糊应当明显降低它的方差；Y.var() / X.var() = {ratio:.3g}。请把权重分散到几个元素上"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_properties_size_3'), points=None, hidden=False)
def test_properties_size_3(blur_kernel, torch):
    K = blur_kernel(3).double()
    assert tuple(K.shape) == (3, 3), explain("shape_3", got=tuple(K.shape))
    assert bool((K >= 0).all()), explain("negative")
    assert abs(K.sum().item() - 1.0) < 1e-6, explain("sum", got=K.sum().item())
    assert torch.allclose(K, K.flip(0)) and torch.allclose(K, K.flip(1)), explain("not_symmetric")


@test_case(name=explain('test_even_size_keeps_constants'), points=None, hidden=False)
def test_even_size_keeps_constants(blur_kernel, F, torch):
    K = blur_kernel(4).double()
    assert tuple(K.shape) == (4, 4), explain("shape_4", got=tuple(K.shape))
    assert torch.allclose(K, K.flip(0)) and torch.allclose(K, K.flip(1)), explain("even_not_symmetric")
    X = torch.full((9, 9), 3.0, dtype=torch.float64)
    Y = F.conv2d(X[None, None], K[None, None])[0, 0]
    assert torch.allclose(Y, torch.full_like(Y, 3.0)), explain("constant_changed")


@test_case(name=explain('test_lowers_noise'), points=None, hidden=False)
def test_lowers_noise(blur_kernel, F, torch):
    K = blur_kernel(3).double()
    noise = torch.randn(128, 128, generator=torch.Generator().manual_seed(0), dtype=torch.float64)
    Y = F.conv2d(noise[None, None], K[None, None])[0, 0]
    ratio = (Y.var() / noise.var()).item()
    assert ratio < 0.98, explain("noise", ratio=ratio)
