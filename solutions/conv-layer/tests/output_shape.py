"""Public checks for output_shape (generated from 13-output_shape.md and its translations by `convkit build`): grader.check("output_shape") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'output_shape'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_d2l_examples": "d2l examples",
        "test_matches_nn_conv2d": "matches nn conv2d",
        "test_same_padding": "same padding",
        "test_transpose_matches_nn_conv_transpose2d": "transpose matches nn conv transpose2d",
        "why_keeps_size": "a 3×3 kernel with padding 1 keeps the size",
        "why_halves": "stride 2 halves it: floor((8 + 2 - 3) / 2) + 1 = 4",
        "why_exercise": "d2l's exercise: floor((8 + 0 - 3) / 3) + 1 = 2 and floor((8 + 2 - 5) / 4) + 1 = 2",
        "d2l_case": "conv2d_output_shape((8, 8), {arguments}) should be {expected} ({why}); got {got}",
        "nn_conv2d": "conv2d_output_shape((10, 13), {arguments}) should match nn.Conv2d, {expected}; got {got}. Dilation d spreads the kernel over d*(k - 1) + 1 pixels",
        "why_too_large": "a 4×4 kernel does not fit into a 3×3 input",
        "why_floor": "a 7×7 kernel does not fit into a 5×5 input (int((5 - 7) / 4) rounds -0.5 up to 0: use floor division //)",
        "why_stride": "a stride must be at least 1",
        "not_refused": "conv2d_output_shape{args} with {keywords}: {why}, so nn.Conv2d refuses it: raise ValueError; got {got!r}",
        "same": "nn.Conv2d(1, 1, {kernel!r}, padding={padding!r}) should keep a 9×12 input's size; it gives {got}. At stride 1, n_out = n + 2p - k + 1, so p = (k - 1) / 2 per side, per dimension",
        "even": "an even kernel cannot keep the size with equal padding on both sides: raise ValueError",
        "transpose": "conv_transpose2d_output_shape({size}, {arguments}) should match nn.ConvTranspose2d, {expected}; got {got}. n_out = (n - 1)*s - 2p + d*(k - 1) + output_padding + 1"
    },
    "zh": {
        "test_d2l_examples": "d2l 的示例",
        "test_matches_nn_conv2d": "与 nn.Conv2d 一致",
        "test_same_padding": "保持大小的填充",
        "test_transpose_matches_nn_conv_transpose2d": "转置卷积与 nn.ConvTranspose2d 一致",
        "why_keeps_size": "3×3 的卷积核加填充 1 保持大小不变",
        "why_halves": "步幅 2 使大小减半：floor((8 + 2 - 3) / 2) + 1 = 4",
        "why_exercise": "d2l 的练习：floor((8 + 0 - 3) / 3) + 1 = 2，floor((8 + 2 - 5) / 4) + 1 = 2",
        "d2l_case": "conv2d_output_shape((8, 8), {arguments}) 应当是 {expected}（{why}）；实际得到 {got}",
        "nn_conv2d": "conv2d_output_shape((10, 13), {arguments}) 应当与 nn.Conv2d 一致，即 {expected}；实际得到 {got}。膨胀 d 把卷积核展开到 d*(k - 1) + 1 个像素上",
        "why_too_large": "4×4 的卷积核放不进 3×3 的输入",
        "why_floor": "7×7 的卷积核放不进 5×5 的输入（int((5 - 7) / 4) 会把 -0.5 向零取整成 0：请用整除 //）",
        "why_stride": "步幅至少为 1",
        "not_refused": "conv2d_output_shape{args}，参数 {keywords}：{why}，所以 nn.Conv2d 拒绝它：请抛出 ValueError；实际返回 {got!r}",
        "same": "nn.Conv2d(1, 1, {kernel!r}, padding={padding!r}) 应当保持 9×12 输入的大小不变；实际得到 {got}。步幅为 1 时，n_out = n + 2p - k + 1，所以每个维度每侧的 p = (k - 1) / 2",
        "even": "偶数卷积核无法在两侧填充相同时保持大小不变：请抛出 ValueError",
        "transpose": "conv_transpose2d_output_shape({size}, {arguments}) 应当与 nn.ConvTranspose2d 一致，即 {expected}；实际得到 {got}。n_out = (n - 1)*s - 2p + d*(k - 1) + output_padding + 1"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_d2l_examples'), points=None, hidden=False)
def test_d2l_examples(conv2d_output_shape):
    # d2l 7.3 ("Padding and Stride"), all on an 8×8 input.
    cases = [
        (dict(kernel_size=3, padding=1), (8, 8), explain("why_keeps_size")),
        (dict(kernel_size=3, padding=1, stride=2), (4, 4), explain("why_halves")),
        (dict(kernel_size=(3, 5), padding=(0, 1), stride=(3, 4)), (2, 2), explain("why_exercise")),
    ]
    for arguments, expected, why in cases:
        got = conv2d_output_shape((8, 8), **arguments)
        assert tuple(got) == expected, explain("d2l_case", arguments=arguments, expected=expected, why=why, got=got)


@test_case(name=explain('test_matches_nn_conv2d'), points=None, hidden=False)
def test_matches_nn_conv2d(conv2d_output_shape, nn, torch):
    arguments = dict(kernel_size=(3, 2), padding=(1, 0), stride=(2, 3), dilation=(2, 1))
    expected = tuple(nn.Conv2d(1, 1, **arguments)(torch.zeros(1, 1, 10, 13)).shape[-2:])
    got = conv2d_output_shape((10, 13), **arguments)
    assert tuple(got) == expected, explain("nn_conv2d", arguments=arguments, expected=expected, got=got)
    refused = [
        ((3, 4), {}, explain("why_too_large")),
        ((5, 7), {"stride": 4}, explain("why_floor")),
        ((6, 2), {"stride": 0}, explain("why_stride")),
    ]
    for args, keywords, why in refused:
        try:
            got = conv2d_output_shape(*args, **keywords)
        except ValueError:
            continue
        raise AssertionError(explain("not_refused", args=args, keywords=keywords, why=why, got=got))


@test_case(name=explain('test_same_padding'), points=None, hidden=False)
def test_same_padding(same_padding, nn, torch):
    for kernel in (5, (3, 7)):
        padding = same_padding(kernel)
        shape = tuple(nn.Conv2d(1, 1, kernel, padding=padding)(torch.zeros(1, 1, 9, 12)).shape[-2:])
        assert shape == (9, 12), explain("same", kernel=kernel, padding=padding, got=shape)
    try:
        same_padding(6)
    except ValueError:
        pass
    else:
        raise AssertionError(explain("even"))


@test_case(name=explain('test_transpose_matches_nn_conv_transpose2d'), points=None, hidden=False)
def test_transpose_matches_nn_conv_transpose2d(conv_transpose2d_output_shape, nn, torch):
    for size, arguments in (((5, 5), dict(kernel_size=2, stride=2)),
                            ((6, 7), dict(kernel_size=3, padding=1, stride=(2, 3), output_padding=(1, 2))),
                            ((4, 4), dict(kernel_size=3, dilation=2, output_padding=1))):  # op < dilation suffices
        expected = tuple(nn.ConvTranspose2d(1, 1, **arguments)(torch.zeros(1, 1, *size)).shape[-2:])
        got = conv_transpose2d_output_shape(size, **arguments)
        assert tuple(got) == expected, explain("transpose", size=size, arguments=arguments, expected=expected, got=got)
