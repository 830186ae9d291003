"""Public checks for conv2d_cost (generated from 07-conv2d_cost.md and its translations by `convkit build`): grader.check("conv2d_cost") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'conv2d_cost'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_d2l_multi_input_example": "d2l multi input example",
        "test_d2l_padding_and_stride_examples": "d2l padding and stride examples",
        "test_one_by_one_layer": "one by one layer",
        "test_doubling_channels_quadruples_the_cost": "doubling channels quadruples the cost",
        "multi_input": "two 3×3 input channels and one (2, 2, 2) kernel: 4 outputs, each a dot product of 2*2*2 = 8 products, so 32 multiply-adds; got {got!r}",
        "not_int": "return a Python int (use // rather than /); got {got}",
        "padding": "d2l 7.3's example: an 8×8 input with a 3×3 kernel and padding 1 (per side) keeps the size, so 64 outputs of 9 products each: 576; got {got!r}",
        "stride": "with stride 2 as well: floor((8 + 2 - 3) / 2) + 1 = 4 rows and columns, 16 outputs of 9 products each: 144; got {got!r}",
        "one_by_one": "a 1×1 layer from 64 to 32 channels on 14×14 makes 32*14*14 outputs of 64 products each: {expected}; got {got!r}",
        "doubling": "doubling both c_in and c_out doubles the outputs and the length of each dot product: 4 times the cost (d2l 7.4, exercise 3); got {small!r} and {large!r}"
    },
    "zh": {
        "test_d2l_multi_input_example": "d2l 的多输入示例",
        "test_d2l_padding_and_stride_examples": "d2l 的填充和步幅示例",
        "test_one_by_one_layer": "1×1 的层",
        "test_doubling_channels_quadruples_the_cost": "通道数加倍，成本变为四倍",
        "multi_input": "两个 3×3 的输入通道和一个 (2, 2, 2) 的卷积核：4 个输出，每个是 2*2*2 = 8 个乘积的点积，所以是 32 次乘加运算；实际得到 {got!r}",
        "not_int": "请返回 Python 的 int（用 // 而不是 /）；实际返回的是 {got}",
        "padding": "d2l 6.3 节的示例：8×8 的输入、3×3 的卷积核、（每侧）填充 1，大小不变，所以有 64 个输出，每个 9 个乘积：576；实际得到 {got!r}",
        "stride": "再加上步幅 2：floor((8 + 2 - 3) / 2) + 1 = 4 行 4 列，16 个输出，每个 9 个乘积：144；实际得到 {got!r}",
        "one_by_one": "在 14×14 上从 64 个通道到 32 个通道的 1×1 层，产生 32*14*14 个输出，每个 64 个乘积：{expected}；实际得到 {got!r}",
        "doubling": "把 c_in 和 c_out 都加倍，输出个数和每个点积的长度都加倍：成本变为 4 倍（d2l 6.4 节练习 3）；实际得到 {small!r} 和 {large!r}"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_d2l_multi_input_example'), points=None, hidden=False)
def test_d2l_multi_input_example(conv2d_cost):
    got = conv2d_cost(2, 1, (3, 3), (2, 2))
    assert got == 32, explain("multi_input", got=got)
    assert isinstance(got, int), explain("not_int", got=type(got).__name__)


@test_case(name=explain('test_d2l_padding_and_stride_examples'), points=None, hidden=False)
def test_d2l_padding_and_stride_examples(conv2d_cost):
    got = conv2d_cost(1, 1, (8, 8), (3, 3), padding=1)
    assert got == 8 * 8 * 9, explain("padding", got=got)
    got = conv2d_cost(1, 1, (8, 8), (3, 3), padding=1, stride=2)
    assert got == 4 * 4 * 9, explain("stride", got=got)


@test_case(name=explain('test_one_by_one_layer'), points=None, hidden=False)
def test_one_by_one_layer(conv2d_cost):
    got = conv2d_cost(64, 32, (14, 14), 1)
    assert got == 32 * 64 * 14 * 14, explain("one_by_one", expected=32 * 64 * 14 * 14, got=got)


@test_case(name=explain('test_doubling_channels_quadruples_the_cost'), points=None, hidden=False)
def test_doubling_channels_quadruples_the_cost(conv2d_cost):
    small = conv2d_cost(3, 8, (16, 12), (3, 3), padding=1, stride=2)
    large = conv2d_cost(6, 16, (16, 12), (3, 3), padding=1, stride=2)
    assert large == 4 * small, explain("doubling", small=small, large=large)
