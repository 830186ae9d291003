"""Public checks for receptive_field (generated from 14-receptive_field.md and its translations by `convkit build`): grader.check("receptive_field") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'receptive_field'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_d2l_example": "d2l example",
        "test_single_layer": "single layer",
        "test_matches_gradient_measurement": "matches gradient measurement",
        "d2l": "d2l's example: two 2×2 layers on a 3×3 input give one element that sees all 3×3 input pixels, so receptive_field([2, 2]) == 3; got {got!r}",
        "single": "one 5×5 layer sees a 5×5 patch; got {got!r}",
        "own_stride": "a layer's own stride moves its windows apart but does not widen any one window: receptive_field([5], [4]) == 5; got {got!r}",
        "measured": "receptive_field({kernels}, {strides}) should be {measured}, the height of the input region with a nonzero gradient for one output element; got {got!r}. Each layer widens the field by (k - 1) of its input pixels, which are as far apart as the product of the strides of the layers before it"
    },
    "zh": {
        "test_d2l_example": "d2l 的示例",
        "test_single_layer": "单独一层",
        "test_matches_gradient_measurement": "与梯度测量一致",
        "d2l": "d2l 的示例：在 3×3 的输入上叠两个 2×2 的层，得到的那个元素看到全部 3×3 个输入像素，所以 receptive_field([2, 2]) == 3；实际得到 {got!r}",
        "single": "一个 5×5 的层看到 5×5 的区域；实际得到 {got!r}",
        "own_stride": "一层自己的步幅只会让它的各个窗口彼此拉开，而不会让任何一个窗口变宽：receptive_field([5], [4]) == 5；实际得到 {got!r}",
        "measured": "receptive_field({kernels}, {strides}) 应当是 {measured}，即对一个输出元素而言梯度不为零的输入区域的高度；实际得到 {got!r}。每一层让感受野增加 (k - 1) 个该层的输入像素，而这些像素之间的距离等于它之前各层步幅的乘积"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_d2l_example'), points=None, hidden=False)
def test_d2l_example(receptive_field):
    got = receptive_field([2, 2])
    assert got == 3, explain("d2l", got=got)


@test_case(name=explain('test_single_layer'), points=None, hidden=False)
def test_single_layer(receptive_field):
    assert receptive_field([5]) == 5, explain("single", got=receptive_field([5]))
    assert receptive_field([5], [4]) == 5, explain("own_stride", got=receptive_field([5], [4]))


@test_case(name=explain('test_matches_gradient_measurement'), points=None, hidden=False)
def test_matches_gradient_measurement(receptive_field, nn, torch):
    kernels, strides = [3, 2, 3], [2, 1, 1]
    x = torch.zeros(1, 1, 32, 32, requires_grad=True)
    y = x
    for k, s in zip(kernels, strides):
        layer = nn.Conv2d(1, 1, k, stride=s, bias=False)
        nn.init.ones_(layer.weight)  # all-ones weights never cancel: every pixel seen gets a gradient
        y = layer(y)
    y[0, 0, 0, 0].backward()  # which input pixels does one output element depend on?
    rows = x.grad[0, 0].abs().sum(dim=1).nonzero()
    measured = int(rows.max() - rows.min() + 1)
    got = receptive_field(kernels, strides)
    assert got == measured, explain("measured", kernels=kernels, strides=strides, measured=measured, got=got)
