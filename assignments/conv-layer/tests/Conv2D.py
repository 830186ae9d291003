"""Public checks for Conv2D (generated from 02-Conv2D.md by `convkit build`): grader.check("Conv2D") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'Conv2D'
points = None


@test_case(name='parameters registered', points=None, hidden=False)
def test_parameters_registered(Conv2D, torch):
    net = Conv2D((1, 2))
    registered = dict(net.named_parameters())
    assert set(registered) == {"weight", "bias"}, (
        f"Conv2D must register exactly two parameters, weight and bias (wrap them in nn.Parameter); "
        f"registered: {sorted(registered)}")
    assert tuple(net.weight.shape) == (1, 2), (
        f"Conv2D((1, 2)).weight must have shape kernel_size = (1, 2); got {tuple(net.weight.shape)}")
    assert net.bias.numel() == 1, (
        f"the bias is a single number shared by every output pixel; got shape {tuple(net.bias.shape)}")


@test_case(name='forward on d2l edge image', points=None, hidden=False)
def test_forward_on_d2l_edge_image(Conv2D, torch):
    X = torch.ones(6, 8)
    X[:, 2:6] = 0  # d2l's image: a black band in columns 2..5
    net = Conv2D((1, 2))
    with torch.no_grad():
        net.weight.copy_(torch.tensor([[1.0, -1.0]]))
        net.bias.fill_(0.5)
    Y = net(X)
    assert tuple(Y.shape) == (6, 7), f"a 6×8 image and a 1×2 kernel give a 6×7 output; got {tuple(Y.shape)}"
    expected_row = torch.tensor([0.5, 1.5, 0.5, 0.5, 0.5, -0.5, 0.5])
    assert torch.allclose(Y, expected_row.expand(6, 7)), (
        "with weight [[1, -1]] and bias 0.5, every row should be corr2d's edge response [0, 1, 0, 0, 0, -1, 0] "
        f"plus 0.5; got first row {Y[0].tolist()}")


@test_case(name='gradients reach both parameters', points=None, hidden=False)
def test_gradients_reach_both_parameters(Conv2D, torch):
    X = torch.ones(6, 8)
    X[:, 2:6] = 0
    net = Conv2D((1, 2))
    net(X).sum().backward()
    assert net.weight.grad is not None and net.bias.grad is not None, (
        "after backward() both weight.grad and bias.grad must be set: forward must use self.weight and "
        "self.bias, registered as nn.Parameter")
    assert torch.allclose(net.bias.grad, torch.tensor([42.0])), (
        "the bias is added to each of the 6×7 = 42 outputs, so d(sum of outputs)/d(bias) is 42; "
        f"got {net.bias.grad.tolist()}")


@test_case(name='double and meta', points=None, hidden=False)
def test_double_and_meta(Conv2D, torch):
    Y = Conv2D((2, 2)).double()(torch.ones(4, 4, dtype=torch.float64))
    assert Y.dtype == torch.float64, (
        f"after net.double() the output of a float64 input must be float64; got {Y.dtype}. "
        f"Plain tensor attributes are not converted by .double(): use nn.Parameter")
    net = Conv2D((2, 3)).to("meta")
    try:
        Y = net(torch.ones(5, 5, device="meta"))
    except Exception as error:
        raise AssertionError(
            f"after net.to('meta') the layer failed on a meta input ({type(error).__name__}: {error}); the same "
            f"code fails on a GPU. Let corr2d build its result from X and K, or allocate with device=X.device") from None
    assert Y.device.type == "meta" and tuple(Y.shape) == (4, 3), (
        f"a meta layer on a 5×5 meta input must give a (4, 3) meta output; got {tuple(Y.shape)} on {Y.device.type}")
