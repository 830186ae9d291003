"""Public checks for learn_kernel (generated from 03-learn_kernel.md by `convkit build`): grader.check("learn_kernel") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'learn_kernel'
points = None


@test_case(name='returns trained conv2d', points=None, hidden=False)
def test_returns_trained_conv2d(learn_kernel, Conv2D, torch):
    X = torch.ones(6, 8)
    X[:, 2:6] = 0
    Y = torch.zeros(6, 7)
    Y[:, 1], Y[:, 5] = 1.0, -1.0  # corr2d(X, [[1, -1]])
    net = learn_kernel(X, Y, (1, 2), lr=0.01, steps=2)
    assert isinstance(net, Conv2D), (
        f"learn_kernel must return the trained Conv2D module; got {type(net).__name__}")
    assert tuple(net.weight.shape) == (1, 2) and net.bias.numel() == 1, (
        "the returned Conv2D must have a (1, 2) weight and a one-element bias")
    again = learn_kernel(X, Y, (1, 2), lr=0.01, steps=2)
    assert again is not net, (
        "every call must train a fresh Conv2D(kernel_size); the second call returned the same module as the first")


@test_case(name='recovers d2l edge kernel', points=None, hidden=False)
def test_recovers_d2l_edge_kernel(learn_kernel, torch):
    X = torch.ones(6, 8)
    X[:, 2:6] = 0
    Y = torch.zeros(6, 7)
    Y[:, 1], Y[:, 5] = 1.0, -1.0  # corr2d(X, [[1, -1]])
    torch.manual_seed(0)
    net = learn_kernel(X, Y, (1, 2), lr=0.015, steps=50)
    weight = net.weight.detach()
    assert bool(torch.isfinite(weight).all()), (
        "training diverged (inf/nan): zero the gradients every step and update with p -= lr * p.grad")
    error = (weight - torch.tensor([[1.0, -1.0]])).abs().max().item()
    assert error < 0.05, (
        f"after 50 steps with lr=0.015 the weight should be within 0.05 of d2l's kernel [[1, -1]]; "
        f"got {weight.tolist()}. Each step: zero the gradients, loss = ((net(X) - Y) ** 2).sum(), "
        f"backward(), p -= lr * p.grad for weight and bias")


@test_case(name='learns the bias too', points=None, hidden=False)
def test_learns_the_bias_too(learn_kernel, torch):
    X = torch.ones(6, 8)
    X[:, 2:6] = 0
    Y = torch.full((6, 7), 0.5)
    Y[:, 1], Y[:, 5] = 1.5, -0.5  # corr2d(X, [[1, -1]]) + 0.5
    torch.manual_seed(1)
    net = learn_kernel(X, Y, (1, 2), lr=0.015, steps=50)
    bias, weight = net.bias.detach().reshape(-1)[0].item(), net.weight.detach()
    assert abs(bias - 0.5) < 0.05 and (weight - torch.tensor([[1.0, -1.0]])).abs().max().item() < 0.05, (
        f"with Y = corr2d(X, [[1, -1]]) + 0.5, 50 steps with lr=0.015 should find weight [[1, -1]] and bias 0.5; "
        f"got weight {weight.tolist()} and bias {bias:.3g}. Update both parameters every step")
