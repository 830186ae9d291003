"""Hidden grader: ``conv_weight_shape(in_channels, out_channels, kernel_size, groups=1)``,
the shape of ``nn.Conv2d(in_channels, out_channels, kernel_size, groups=groups).weight``,
and ``ValueError`` when a channel count does not divide by ``groups``.

Expected shapes come from real ``nn.Conv2d`` layers (built on the ``meta`` device: shape
only, no memory), for hand-picked configurations and seeded random ones: int and pair
kernel sizes, in != out, groups > 1 and depthwise (groups == in_channels). A wrong shape
gets a hint naming the likely mistake (in/out swapped, groups ignored, kernel_size not
expanded); the expected shape of a hidden case is not shown.
"""
import random

import pytest
from torch import nn

from autograder.graders.channels._helpers import check_plain, pair
from convkit.grading.checks import expect_error
from convkit.sandbox.client import StudentError
from convkit.messages import message

RULE = message("channels.conv_weight_shape.rule")


def random_configs(seed: int, count: int, grouped: bool):
    """(in, out, kernel_size, groups) drawn so that both channel counts divide by groups."""
    rng = random.Random(seed)
    configs = []
    for _ in range(count):
        groups = rng.choice([2, 3, 4, 6]) if grouped else 1
        c_in, c_out = groups * rng.randint(1, 8), groups * rng.randint(1, 8)
        kernel = rng.randint(1, 7) if rng.random() < 0.5 else (rng.randint(1, 7), rng.randint(1, 7))
        configs.append((c_in, c_out, kernel, groups))
    return configs


PLAIN = [(3, 16, 3, 1), (1, 6, (5, 5), 1), (64, 32, (3, 1), 1), (7, 2, (1, 4), 1), (5, 5, 1, 1)]
PLAIN += random_configs(801, 3, grouped=False)
GROUPED = [(4, 8, 3, 2), (6, 9, (3, 5), 3), (8, 8, 3, 8), (12, 4, (1, 2), 4), (10, 20, 5, 5), (6, 6, (2, 3), 1)]
GROUPED += random_configs(810, 4, grouped=True)
# (in, out, kernel_size, groups) that nn.Conv2d refuses: in, out or both do not divide by groups.
INDIVISIBLE = [(6, 4, 3, 4), (4, 6, 3, 4), (5, 7, (3, 2), 2), (8, 12, 1, 3), (9, 3, 3, 9)]


def conv2d_weight_shape(c_in, c_out, kernel, groups) -> tuple:
    return tuple(nn.Conv2d(c_in, c_out, kernel, groups=groups, device="meta").weight.shape)


def likely_mistakes(c_in, c_out, kernel, groups) -> list:
    """(hint, the shape that mistake gives)."""
    kh, kw = pair(kernel)
    swapped = message("channels.conv_weight_shape.mistake.in_out_swapped")
    return [
        (swapped, (c_in // groups, c_out, kh, kw)),
        (swapped, (c_in, c_out // groups, kh, kw)),
        (swapped, (c_in, c_out, kh, kw)),
        (message("channels.conv_weight_shape.mistake.groups_ignored"), (c_out, c_in, kh, kw)),
        (message("channels.conv_weight_shape.mistake.kernel_swapped"), (c_out, c_in // groups, kw, kh)),
        (message("channels.conv_weight_shape.mistake.int_kernel_not_expanded"), (c_out, c_in // groups, kh)),
        (message("channels.conv_weight_shape.mistake.int_kernel_not_expanded"), (c_out, c_in // groups, kernel)),
    ]


def check_shape(student, c_in, c_out, kernel, groups, pass_groups=True):
    args = (c_in, c_out, kernel, groups) if pass_groups else (c_in, c_out, kernel)
    call = f"conv_weight_shape({', '.join(repr(a) for a in args)})"
    got = student.call("conv_weight_shape", *args)
    check_plain(got, conv2d_weight_shape(c_in, c_out, kernel, groups), call,
                expected_text=message("channels.conv_weight_shape.expected"),
                mistakes=likely_mistakes(c_in, c_out, kernel, groups), default_hint=RULE)


@pytest.mark.points(2)
@pytest.mark.parametrize("config", PLAIN, ids=repr)
def test_without_groups(student, config):
    """groups left at its default 1: (out, in, kh, kw)."""
    c_in, c_out, kernel, groups = config
    check_shape(student, c_in, c_out, kernel, groups, pass_groups=False)


@pytest.mark.points(2)
@pytest.mark.parametrize("config", GROUPED, ids=repr)
def test_with_groups(student, config):
    check_shape(student, *config)


@pytest.mark.points(2)
@pytest.mark.parametrize("config", INDIVISIBLE, ids=repr)
def test_indivisible_groups_raise(student, config):
    c_in, c_out, kernel, groups = config
    which = " and ".join(name for name, count in (("in_channels", c_in), ("out_channels", c_out))
                         if count % groups)
    expect_error(student, "conv_weight_shape", config, "ValueError",
                 f"conv_weight_shape({c_in}, {c_out}, {kernel!r}, {groups})",
                 hint=message("channels.conv_weight_shape.hint.divisible", which=which, groups=groups),
                 mistakes=lambda got: [message("channels.conv_weight_shape.mistake.in_only")]
                 if c_in % groups == 0 and refuses_indivisible_in(student) else [])


def refuses_indivisible_in(student) -> bool:
    """Whether the function raises ValueError when in_channels does not divide by groups."""
    try:
        student.call("conv_weight_shape", 5, 4, 3, 2)
    except StudentError as error:
        return error.is_a("ValueError")
    return False
