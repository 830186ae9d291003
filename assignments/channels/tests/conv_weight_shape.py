"""Public checks for conv_weight_shape (generated from 06-conv_weight_shape.md and its translations by `convkit build`): grader.check("conv_weight_shape") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'conv_weight_shape'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_without_groups": "without groups",
        "test_with_groups": "with groups",
        "test_indivisible_groups_raise": "indivisible groups raise",
        "no_groups": "nn.Conv2d(3, 16, 3).weight has shape {expected}: one 3×3×3 kernel per output channel, output channels first; got {got!r}",
        "groups": "conv_weight_shape{args} should match nn.Conv2d's weight, {expected}: each kernel sees only in_channels // groups = {per_group} input channels; got {got!r}",
        "three_inputs": "3 input channels",
        "three_outputs": "3 output channels",
        "indivisible": "conv_weight_shape{args}: {which} cannot be split into 2 groups (nn.Conv2d raises ValueError): raise ValueError"
    },
    "zh": {
        "test_without_groups": "不分组",
        "test_with_groups": "分组",
        "test_indivisible_groups_raise": "不能整除时抛出异常",
        "no_groups": "nn.Conv2d(3, 16, 3).weight 的形状为 {expected}：每个输出通道一个 3×3×3 的卷积核，输出通道在最前；实际得到 {got!r}",
        "groups": "conv_weight_shape{args} 应当与 nn.Conv2d 的权重形状一致，即 {expected}：每个卷积核只看到 in_channels // groups = {per_group} 个输入通道；实际得到 {got!r}",
        "three_inputs": "3 个输入通道",
        "three_outputs": "3 个输出通道",
        "indivisible": "conv_weight_shape{args}：{which}无法分成 2 组（nn.Conv2d 会抛出 ValueError）：请抛出 ValueError"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_without_groups'), points=None, hidden=False)
def test_without_groups(conv_weight_shape, nn):
    expected = tuple(nn.Conv2d(3, 16, 3, device="meta").weight.shape)
    got = conv_weight_shape(3, 16, 3)
    assert tuple(got) == expected, explain("no_groups", expected=expected, got=got)


@test_case(name=explain('test_with_groups'), points=None, hidden=False)
def test_with_groups(conv_weight_shape, nn):
    for args in ((4, 8, (3, 5), 2), (6, 6, 3, 6)):
        in_channels, out_channels, kernel_size, groups = args
        expected = tuple(nn.Conv2d(in_channels, out_channels, kernel_size, groups=groups, device="meta").weight.shape)
        got = conv_weight_shape(*args)
        assert tuple(got) == expected, (
            explain("groups", args=args, expected=expected, per_group=in_channels // groups, got=got))


@test_case(name=explain('test_indivisible_groups_raise'), points=None, hidden=False)
def test_indivisible_groups_raise(conv_weight_shape):
    for args, which in (((3, 6, 3, 2), explain("three_inputs")), ((6, 3, 3, 2), explain("three_outputs"))):
        try:
            conv_weight_shape(*args)
        except ValueError:
            pass
        else:
            raise AssertionError(explain("indivisible", args=args, which=which))
