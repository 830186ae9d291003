"""Public checks for second_derivative_kernel (generated from 08-second_derivative_kernel.md and its translations by `convkit build`): grader.check("second_derivative_kernel") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'second_derivative_kernel'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_exact_on_x_squared": "exact on x squared",
        "test_ignores_changes_down_the_height": "ignores changes down the height",
        "not_2d": "return a 2-D kernel, e.g. torch.tensor([[...]]) for one row; got shape {got}",
        "x_squared": "on f = x**2 (x the column index) the second derivative is 2 everywhere; got values from {low:.4g} to {high:.4g}",
        "height_not_ignored": "on 0.5*x**2 - 3*x + 4 + sin(i) the second derivative along the width is 1 everywhere: the kernel must cancel constants, linear terms and anything that varies only down the height; got values from {low:.4g} to {high:.4g}"
    },
    "zh": {
        "test_exact_on_x_squared": "在 x 的平方上精确",
        "test_ignores_changes_down_the_height": "忽略沿高度方向的变化",
        "not_2d": "请返回二维卷积核，例如只有一行时写 torch.tensor([[...]])；实际形状为 {got}",
        "x_squared": "在 f = x**2（x 为列下标）上，二阶导数处处为 2；实际得到的值从 {low:.4g} 到 {high:.4g}",
        "height_not_ignored": "在 0.5*x**2 - 3*x + 4 + sin(i) 上，沿宽度方向的二阶导数处处为 1：卷积核必须消去常数、线性项以及任何只沿高度方向变化的部分；实际得到的值从 {low:.4g} 到 {high:.4g}"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_exact_on_x_squared'), points=None, hidden=False)
def test_exact_on_x_squared(second_derivative_kernel, F, torch):
    K = second_derivative_kernel().double()
    assert K.dim() == 2, explain("not_2d", got=tuple(K.shape))
    x = torch.arange(10, dtype=torch.float64)[None, :].expand(6, 10)
    Y = F.conv2d((x ** 2)[None, None], K[None, None])[0, 0]
    assert torch.allclose(Y, torch.full_like(Y, 2.0)), explain("x_squared", low=Y.min().item(), high=Y.max().item())


@test_case(name=explain('test_ignores_changes_down_the_height'), points=None, hidden=False)
def test_ignores_changes_down_the_height(second_derivative_kernel, F, torch):
    K = second_derivative_kernel().double()
    i = torch.arange(8, dtype=torch.float64)[:, None].expand(8, 9)
    x = torch.arange(9, dtype=torch.float64)[None, :].expand(8, 9)
    f = 0.5 * x ** 2 - 3 * x + 4 + torch.sin(i)  # f_xx = 1, whatever happens down the height
    Y = F.conv2d(f[None, None], K[None, None])[0, 0]
    assert torch.allclose(Y, torch.ones_like(Y)), explain("height_not_ignored", low=Y.min().item(), high=Y.max().item())
