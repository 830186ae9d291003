"""Public checks for laplacian_kernel (generated from 09-laplacian_kernel.md and its translations by `convkit build`): grader.check("laplacian_kernel") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'laplacian_kernel'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_shape_and_i2_plus_j2": "shape and i2 plus j2",
        "test_mixed_term_and_ramps_cancel": "mixed term and ramps cancel",
        "shape": "laplacian_kernel() must be 3×3; got shape {got}",
        "i2_plus_j2": "on i**2 + j**2 the Laplacian is 2 + 2 = 4 everywhere; got values from {low:.4g} to {high:.4g}",
        "mixed_term": "i*j",
        "ramp": "the ramp 2*i - j + 5",
        "not_cancelled": "{image} has no Laplacian (f_xx + f_yy = 0): the response must be 0 everywhere; largest response {largest:.4g}"
    },
    "zh": {
        "test_shape_and_i2_plus_j2": "形状，以及 i² + j²",
        "test_mixed_term_and_ramps_cancel": "交叉项和斜坡被消去",
        "shape": "laplacian_kernel() 必须是 3×3 的；实际形状为 {got}",
        "i2_plus_j2": "在 i**2 + j**2 上，拉普拉斯算子值处处为 2 + 2 = 4；实际得到的值从 {low:.4g} 到 {high:.4g}",
        "mixed_term": "i*j",
        "ramp": "斜坡 2*i - j + 5",
        "not_cancelled": "{image} 的拉普拉斯算子值为零（f_xx + f_yy = 0）：响应必须处处为 0；最大响应为 {largest:.4g}"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_shape_and_i2_plus_j2'), points=None, hidden=False)
def test_shape_and_i2_plus_j2(laplacian_kernel, F, torch):
    K = laplacian_kernel().double()
    assert tuple(K.shape) == (3, 3), explain("shape", got=tuple(K.shape))
    i = torch.arange(7, dtype=torch.float64)[:, None].expand(7, 8)
    j = torch.arange(8, dtype=torch.float64)[None, :].expand(7, 8)
    Y = F.conv2d((i ** 2 + j ** 2)[None, None], K[None, None])[0, 0]
    assert torch.allclose(Y, torch.full_like(Y, 4.0)), explain("i2_plus_j2", low=Y.min().item(), high=Y.max().item())


@test_case(name=explain('test_mixed_term_and_ramps_cancel'), points=None, hidden=False)
def test_mixed_term_and_ramps_cancel(laplacian_kernel, F, torch):
    K = laplacian_kernel().double()
    i = torch.arange(7, dtype=torch.float64)[:, None].expand(7, 8)
    j = torch.arange(8, dtype=torch.float64)[None, :].expand(7, 8)
    for name, f in ((explain("mixed_term"), i * j), (explain("ramp"), 2 * i - j + 5)):
        Y = F.conv2d(f[None, None], K[None, None])[0, 0]
        assert torch.allclose(Y, torch.zeros_like(Y), atol=1e-9), (
            explain("not_cancelled", image=name, largest=Y.abs().max().item()))
