"""Public checks for learn_kernel (generated from 03-learn_kernel.md and its translations by `convkit build`): grader.check("learn_kernel") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'learn_kernel'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_returns_trained_conv2d": "returns trained conv2d",
        "test_recovers_d2l_edge_kernel": "recovers d2l edge kernel",
        "test_learns_the_bias_too": "learns the bias too",
        "not_conv2d": "learn_kernel must return the trained Conv2D module; got {got}",
        "shapes": "the returned Conv2D must have a (1, 2) weight and a one-element bias",
        "not_fresh": "every call must train a fresh Conv2D(kernel_size); the second call returned the same module as the first",
        "diverged": "training diverged (inf/nan): zero the gradients every step and update with p -= lr * p.grad",
        "not_recovered": "after 50 steps with lr=0.015 the weight should be within 0.05 of d2l's kernel [[1, -1]]; got {got}. Each step: zero the gradients, loss = ((net(X) - Y) ** 2).sum(), backward(), p -= lr * p.grad for weight and bias",
        "bias_not_learned": "with Y = corr2d(X, [[1, -1]]) + 0.5, 50 steps with lr=0.015 should find weight [[1, -1]] and bias 0.5; got weight {weight} and bias {bias:.3g}. Update both parameters every step"
    },
    "zh": {
        "test_returns_trained_conv2d": "返回训练好的 Conv2D",
        "test_recovers_d2l_edge_kernel": "找回 d2l 的边缘卷积核",
        "test_learns_the_bias_too": "也学到偏置",
        "not_conv2d": "learn_kernel 必须返回训练好的 Conv2D 模块；实际返回的是 {got}",
        "shapes": "返回的 Conv2D 必须有形状为 (1, 2) 的权重和只有一个元素的偏置",
        "not_fresh": "每次调用都必须训练一个新的 Conv2D(kernel_size)；第二次调用返回的模块和第一次是同一个",
        "diverged": "训练发散了（inf/nan）：每一步都要把梯度清零，并用 p -= lr * p.grad 更新",
        "not_recovered": "用 lr=0.015 训练 50 步之后，权重与 d2l 的卷积核 [[1, -1]] 的差应小于 0.05；实际得到 {got}。每一步：梯度清零，loss = ((net(X) - Y) ** 2).sum()，backward()，对 weight 和 bias 执行 p -= lr * p.grad",
        "bias_not_learned": "当 Y = corr2d(X, [[1, -1]]) + 0.5 时，用 lr=0.015 训练 50 步应当得到权重 [[1, -1]] 和偏置 0.5；实际得到权重 {weight}、偏置 {bias:.3g}。每一步都要更新两个参数"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_returns_trained_conv2d'), points=None, hidden=False)
def test_returns_trained_conv2d(learn_kernel, Conv2D, torch):
    X = torch.ones(6, 8)
    X[:, 2:6] = 0
    Y = torch.zeros(6, 7)
    Y[:, 1], Y[:, 5] = 1.0, -1.0  # corr2d(X, [[1, -1]])
    net = learn_kernel(X, Y, (1, 2), lr=0.01, steps=2)
    assert isinstance(net, Conv2D), explain("not_conv2d", got=type(net).__name__)
    assert tuple(net.weight.shape) == (1, 2) and net.bias.numel() == 1, explain("shapes")
    again = learn_kernel(X, Y, (1, 2), lr=0.01, steps=2)
    assert again is not net, explain("not_fresh")


@test_case(name=explain('test_recovers_d2l_edge_kernel'), points=None, hidden=False)
def test_recovers_d2l_edge_kernel(learn_kernel, torch):
    X = torch.ones(6, 8)
    X[:, 2:6] = 0
    Y = torch.zeros(6, 7)
    Y[:, 1], Y[:, 5] = 1.0, -1.0  # corr2d(X, [[1, -1]])
    torch.manual_seed(0)
    net = learn_kernel(X, Y, (1, 2), lr=0.015, steps=50)
    weight = net.weight.detach()
    assert bool(torch.isfinite(weight).all()), explain("diverged")
    error = (weight - torch.tensor([[1.0, -1.0]])).abs().max().item()
    assert error < 0.05, explain("not_recovered", got=weight.tolist())


@test_case(name=explain('test_learns_the_bias_too'), points=None, hidden=False)
def test_learns_the_bias_too(learn_kernel, torch):
    X = torch.ones(6, 8)
    X[:, 2:6] = 0
    Y = torch.full((6, 7), 0.5)
    Y[:, 1], Y[:, 5] = 1.5, -0.5  # corr2d(X, [[1, -1]]) + 0.5
    torch.manual_seed(1)
    net = learn_kernel(X, Y, (1, 2), lr=0.015, steps=50)
    bias, weight = net.bias.detach().reshape(-1)[0].item(), net.weight.detach()
    assert abs(bias - 0.5) < 0.05 and (weight - torch.tensor([[1.0, -1.0]])).abs().max().item() < 0.05, (
        explain("bias_not_learned", weight=weight.tolist(), bias=bias))
