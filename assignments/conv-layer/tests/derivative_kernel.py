"""Public checks for derivative_kernel (generated from 11-derivative_kernel.md and its translations by `convkit build`): grader.check("derivative_kernel") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'derivative_kernel'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_first_derivative": "first derivative",
        "test_x_to_the_d_gives_factorial": "x to the d gives factorial",
        "shape_1": "derivative_kernel(1) must have shape (1, 1 + 1) = (1, 2); got {got}",
        "first": "on 3*x + 2 the first derivative is 3 everywhere; got {got}. Cross-correlation reads f(x), f(x+1): the kernel [[1, -1]] gives -f'",
        "min_size_1": "a first derivative needs two samples (d2l's edge detector has two taps): min_derivative_kernel_size(1) == 2",
        "shape_d": "derivative_kernel({d}) must have shape (1, {taps}); got {got}",
        "factorial": "on x**{d} the {d}-th derivative is {d}! = {factorial} everywhere; got {got}"
    },
    "zh": {
        "test_first_derivative": "一阶导数",
        "test_x_to_the_d_gives_factorial": "x 的 d 次方得到 d 的阶乘",
        "shape_1": "derivative_kernel(1) 的形状必须是 (1, 1 + 1) = (1, 2)；实际为 {got}",
        "first": "在 3*x + 2 上，一阶导数处处为 3；实际得到 {got}。互相关运算依次读取 f(x)、f(x+1)：卷积核 [[1, -1]] 得到的是 -f'",
        "min_size_1": "一阶导数需要两个采样值（d2l 的边缘检测器有两个元素）：min_derivative_kernel_size(1) == 2",
        "shape_d": "derivative_kernel({d}) 的形状必须是 (1, {taps})；实际为 {got}",
        "factorial": "在 x**{d} 上，{d} 阶导数处处为 {d}! = {factorial}；实际得到 {got}"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_first_derivative'), points=None, hidden=False)
def test_first_derivative(derivative_kernel, min_derivative_kernel_size, F, torch):
    K = derivative_kernel(1).double()
    assert tuple(K.shape) == (1, 2), explain("shape_1", got=tuple(K.shape))
    x = torch.arange(8, dtype=torch.float64)[None, :].expand(4, 8)
    Y = F.conv2d((3 * x + 2)[None, None], K[None, None])[0, 0]
    assert torch.allclose(Y, torch.full_like(Y, 3.0)), explain("first", got=Y[0].tolist())
    assert min_derivative_kernel_size(1) == 2, explain("min_size_1")


@test_case(name=explain('test_x_to_the_d_gives_factorial'), points=None, hidden=False)
def test_x_to_the_d_gives_factorial(derivative_kernel, F, torch, math):
    x = torch.arange(10, dtype=torch.float64)[None, :].expand(3, 10)
    for d in (2, 3):
        K = derivative_kernel(d).double()
        assert tuple(K.shape) == (1, d + 1), explain("shape_d", d=d, taps=d + 1, got=tuple(K.shape))
        Y = F.conv2d((x ** d)[None, None], K[None, None])[0, 0]
        assert torch.allclose(Y, torch.full_like(Y, float(math.factorial(d)))), (
            explain("factorial", d=d, factorial=math.factorial(d), got=Y[0].tolist()))
