"""Public checks for Conv2D (generated from 02-Conv2D.md and its translations by `convkit build`): grader.check("Conv2D") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'Conv2D'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_parameters_registered": "parameters registered",
        "test_forward_on_d2l_edge_image": "forward on d2l edge image",
        "test_gradients_reach_both_parameters": "gradients reach both parameters",
        "test_double_and_meta": "double and meta",
        "registered": "Conv2D must register exactly two parameters, weight and bias (wrap them in nn.Parameter); registered: {got}",
        "weight_shape": "Conv2D((1, 2)).weight must have shape kernel_size = (1, 2); got {got}",
        "bias_shape": "the bias is a single number shared by every output pixel; got shape {got}",
        "edge_shape": "a 6×8 image and a 1×2 kernel give a 6×7 output; got {got}",
        "edge_values": "with weight [[1, -1]] and bias 0.5, every row should be corr2d's edge response [0, 1, 0, 0, 0, -1, 0] plus 0.5; got first row {got}",
        "no_grad": "after backward() both weight.grad and bias.grad must be set: forward must use self.weight and self.bias, registered as nn.Parameter",
        "bias_grad": "the bias is added to each of the 6×7 = 42 outputs, so d(sum of outputs)/d(bias) is 42; got {got}",
        "double": "after net.double() the output of a float64 input must be float64; got {got}. Plain tensor attributes are not converted by .double(): use nn.Parameter",
        "meta_failed": "after net.to('meta') the layer failed on a meta input ({error}); the same code fails on a GPU. Let corr2d build its result from X and K, or allocate with device=X.device",
        "meta_result": "a meta layer on a 5×5 meta input must give a (4, 3) meta output; got {shape} on {device}"
    },
    "zh": {
        "test_parameters_registered": "参数已注册",
        "test_forward_on_d2l_edge_image": "在 d2l 的边缘图像上前向计算",
        "test_gradients_reach_both_parameters": "梯度传到两个参数",
        "test_double_and_meta": "double 与 meta",
        "registered": "Conv2D 必须注册恰好两个参数：weight 和 bias（用 nn.Parameter 包装）；实际注册的是 {got}",
        "weight_shape": "Conv2D((1, 2)).weight 的形状必须是 kernel_size = (1, 2)；实际为 {got}",
        "bias_shape": "偏置是所有输出像素共用的一个数；实际形状为 {got}",
        "edge_shape": "6×8 的图像和 1×2 的卷积核得到 6×7 的输出；实际得到 {got}",
        "edge_values": "权重为 [[1, -1]]、偏置为 0.5 时，每一行都应当是 corr2d 的边缘响应 [0, 1, 0, 0, 0, -1, 0] 加上 0.5；实际第一行为 {got}",
        "no_grad": "调用 backward() 之后，weight.grad 和 bias.grad 都必须有值：forward 必须使用注册为 nn.Parameter 的 self.weight 和 self.bias",
        "bias_grad": "偏置加到了 6×7 = 42 个输出中的每一个上，所以 d(输出之和)/d(bias) 等于 42；实际得到 {got}",
        "double": "调用 net.double() 之后，float64 输入的输出必须是 float64；实际为 {got}。.double() 不会转换普通的张量属性：请使用 nn.Parameter",
        "meta_failed": "调用 net.to('meta') 之后，这个层在 meta 输入上出错（{error}）；同样的代码在 GPU 上也会出错。让 corr2d 由 X 和 K 的运算得到结果，或者分配张量时指定 device=X.device",
        "meta_result": "meta 层作用在 5×5 的 meta 输入上，必须得到形状为 (4, 3) 的 meta 输出；实际得到形状 {shape}，位于 {device} 上"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_parameters_registered'), points=None, hidden=False)
def test_parameters_registered(Conv2D, torch):
    net = Conv2D((1, 2))
    registered = dict(net.named_parameters())
    assert set(registered) == {"weight", "bias"}, explain("registered", got=sorted(registered))
    assert tuple(net.weight.shape) == (1, 2), explain("weight_shape", got=tuple(net.weight.shape))
    assert net.bias.numel() == 1, explain("bias_shape", got=tuple(net.bias.shape))


@test_case(name=explain('test_forward_on_d2l_edge_image'), points=None, hidden=False)
def test_forward_on_d2l_edge_image(Conv2D, torch):
    X = torch.ones(6, 8)
    X[:, 2:6] = 0  # d2l's image: a black band in columns 2..5
    net = Conv2D((1, 2))
    with torch.no_grad():
        net.weight.copy_(torch.tensor([[1.0, -1.0]]))
        net.bias.fill_(0.5)
    Y = net(X)
    assert tuple(Y.shape) == (6, 7), explain("edge_shape", got=tuple(Y.shape))
    expected_row = torch.tensor([0.5, 1.5, 0.5, 0.5, 0.5, -0.5, 0.5])
    assert torch.allclose(Y, expected_row.expand(6, 7)), explain("edge_values", got=Y[0].tolist())


@test_case(name=explain('test_gradients_reach_both_parameters'), points=None, hidden=False)
def test_gradients_reach_both_parameters(Conv2D, torch):
    X = torch.ones(6, 8)
    X[:, 2:6] = 0
    net = Conv2D((1, 2))
    net(X).sum().backward()
    assert net.weight.grad is not None and net.bias.grad is not None, explain("no_grad")
    assert torch.allclose(net.bias.grad, torch.tensor([42.0])), explain("bias_grad", got=net.bias.grad.tolist())


@test_case(name=explain('test_double_and_meta'), points=None, hidden=False)
def test_double_and_meta(Conv2D, torch):
    Y = Conv2D((2, 2)).double()(torch.ones(4, 4, dtype=torch.float64))
    assert Y.dtype == torch.float64, explain("double", got=Y.dtype)
    net = Conv2D((2, 3)).to("meta")
    try:
        Y = net(torch.ones(5, 5, device="meta"))
    except Exception as error:
        raise AssertionError(explain("meta_failed", error=f"{type(error).__name__}: {error}")) from None
    assert Y.device.type == "meta" and tuple(Y.shape) == (4, 3), (
        explain("meta_result", shape=tuple(Y.shape), device=Y.device.type))
