"""Hidden grader: ``conv2d_cost(c_in, c_out, input_size, kernel_size, padding=0, stride=1)``,
the number of multiply-adds of one forward pass (d2l's exercise on the computational
cost of a convolution layer).

Each of the ``c_out × oh × ow`` output elements is one dot product of a ``c_in × kh × kw``
window with a kernel: ``c_out · oh · ow · c_in · kh · kw`` multiply-adds. The expected
count is derived from the shapes PyTorch produces: ``oh`` and ``ow`` come from a real
``F.conv2d`` run on ``meta`` tensors. One multiply-add counts once (the question's unit), so
the FLOP count (2×) is wrong. Configurations have ``n + 2p - k`` not a multiple of ``s``,
different heights and widths, and ``c_in != c_out``; a wrong count gets a hint naming the
likely mistake, never the expected number.
"""
import pytest
import torch
import torch.nn.functional as F

from autograder.graders.channels._helpers import check_plain, pair
from convkit.messages import message

RULE = message("channels.conv2d_cost.rule")

# (c_in, c_out, input_size, kernel_size, padding, stride): layers from d2l -- the padding
# and stride exercise (kernel (3, 5), padding (0, 1), stride (3, 4) on 8×8), the
# multi-channel example, a 1×1 layer, and AlexNet's first layer.
D2L = [
    (1, 1, (8, 8), (3, 5), (0, 1), (3, 4)),
    (2, 3, (3, 3), (2, 2), (0, 0), (1, 1)),
    (3, 2, (3, 3), (1, 1), (0, 0), (1, 1)),
    (1, 96, (224, 224), (11, 11), (1, 1), (4, 4)),
]
# padding and stride left out (defaults 0 and 1).
DEFAULTS = [(3, 16, (28, 28), (5, 5)), (1, 6, (32, 32), (5, 5)), (64, 128, (14, 12), (3, 1)), (7, 5, (9, 11), (9, 2))]
PAIRS = [
    (3, 8, (9, 11), (3, 5), (1, 2), (2, 3)),
    (16, 4, (20, 15), (5, 5), (2, 0), (3, 2)),
    (5, 7, (6, 6), (1, 1), (0, 0), (2, 4)),
    (2, 12, (13, 8), (4, 3), (3, 1), (1, 2)),
    (8, 3, (7, 10), (7, 3), (0, 1), (4, 4)),
]
INTS = [(3, 4, 10, 3, 1, 2), (6, 2, 7, 5, 0, 3), (2, 5, 12, 4, 2, 1)]


def conv2d_output(size, kernel, padding, stride) -> tuple:
    """(oh, ow) of a real F.conv2d, run on meta tensors (shapes only, no arithmetic)."""
    X = torch.empty((1, 1, *pair(size)), device="meta")
    K = torch.empty((1, 1, *pair(kernel)), device="meta")
    return tuple(F.conv2d(X, K, padding=pair(padding), stride=pair(stride)).shape[2:])


def expected_cost(c_in, c_out, size, kernel, padding, stride) -> int:
    """c_out · oh · ow · c_in · kh · kw with (oh, ow) from PyTorch itself (the kit's tests hold
    ``reference.channels.conv2d_cost`` equal to this and to half of torch's FLOP counter)."""
    (oh, ow), (kh, kw) = conv2d_output(size, kernel, padding, stride), pair(kernel)
    return c_out * oh * ow * c_in * kh * kw


def likely_mistakes(c_in, c_out, size, kernel, padding, stride) -> list:
    """(hint, the count that mistake gives)."""
    (h, w), (kh, kw), (ph, pw), (sh, sw) = pair(size), pair(kernel), pair(padding), pair(stride)
    window = c_in * kh * kw

    def count(out_h, out_w, per_output=window):
        return c_out * out_h * out_w * per_output

    def floor_out(n, k, p, s):
        return (n + 2 * p - k) // s + 1

    def ceil_out(n, k, p, s):
        return -(-(n + 2 * p - k) // s) + 1

    right = (floor_out(h, kh, ph, sh), floor_out(w, kw, pw, sw))
    def true_division(n, k, p, s):
        return (n + 2 * p - k) / s + 1

    return [
        (message("channels.conv2d_cost.mistake.flops"), 2 * count(*right)),
        (message("channels.conv2d_cost.mistake.mults_plus_adds"), count(*right, per_output=2 * window - 1)),
        (message("channels.conv2d_cost.mistake.forgets_c_in"), count(*right, kh * kw)),
        (message("channels.conv2d_cost.mistake.forgets_c_out"), count(*right) // c_out),
        (message("channels.conv2d_cost.mistake.input_size"), count(h, w)),
        (message("channels.conv2d_cost.mistake.padded_input_size"), count(h + 2 * ph, w + 2 * pw)),
        (message("channels.conv2d_cost.mistake.ignores_stride"),
         count(floor_out(h, kh, ph, 1), floor_out(w, kw, pw, 1))),
        (message("channels.conv2d_cost.mistake.ignores_padding"),
         count(floor_out(h, kh, 0, sh), floor_out(w, kw, 0, sw))),
        (message("channels.conv2d_cost.mistake.padding_once"),
         count((h + ph - kh) // sh + 1, (w + pw - kw) // sw + 1)),
        (message("channels.conv2d_cost.mistake.ceil"), count(ceil_out(h, kh, ph, sh), ceil_out(w, kw, pw, sw))),
        (message("channels.conv2d_cost.mistake.no_plus_one"),
         count((h + 2 * ph - kh) // sh, (w + 2 * pw - kw) // sw)),
        (message("channels.conv2d_cost.mistake.axes_swapped"),
         count(floor_out(h, kw, ph, sh), floor_out(w, kh, pw, sw))),
        (message("channels.conv2d_cost.mistake.true_division"),
         c_out * true_division(h, kh, ph, sh) * true_division(w, kw, pw, sw) * window),
    ]


def check_cost(student, config, pass_all=True):
    args = config if pass_all else config[:4]
    call = f"conv2d_cost({', '.join(repr(a) for a in args)})"
    got = student.call("conv2d_cost", *args)
    full = tuple(config) + ((0, 1) if len(config) == 4 else ())
    check_plain(got, expected_cost(*full), call, expected_text=message("channels.conv2d_cost.expected"),
                mistakes=likely_mistakes(*full), default_hint=RULE)


@pytest.mark.points(1)
@pytest.mark.parametrize("config", D2L, ids=repr)
def test_d2l_layers(student, config):
    check_cost(student, config)


@pytest.mark.points(1)
@pytest.mark.parametrize("config", DEFAULTS, ids=repr)
def test_default_padding_and_stride(student, config):
    """conv2d_cost(c_in, c_out, input_size, kernel_size): no padding, stride 1."""
    check_cost(student, config, pass_all=False)


@pytest.mark.points(3)
@pytest.mark.parametrize("config", PAIRS, ids=repr)
def test_padding_and_stride(student, config):
    check_cost(student, config)


@pytest.mark.points(1)
@pytest.mark.parametrize("config", INTS, ids=repr)
def test_int_arguments(student, config):
    """Sizes given as ints mean square ones, as in nn.Conv2d."""
    check_cost(student, config)
