"""Hidden grader: ``receptive_field(kernel_sizes, strides=None)``.

The expected value is *measured*, not computed from a formula: a stack of real
``nn.Conv2d`` layers with all-ones weights and the given strides is built in this (grader)
process, one output element is back-propagated, and the extent of the input pixels with a
nonzero gradient is the receptive field. All-ones weights never cancel, so every pixel the
output depends on gets a positive gradient; without padding no window is clipped, so any
output element sees a full field. A wrong formula therefore cannot agree with the grader
by sharing its mistake.

Points: d2l's published example and single layers (1), stride-1 stacks (2), and stacks
with strides (3), where the classic mistakes (ignoring strides, using a layer's own stride
instead of the earlier layers') show. Feedback writes the formula out with the student's
own kernels and strides, never the hidden result.
"""
import random

import functools

import pytest
import torch
from torch import nn

from convkit.grading.checks import fail
from convkit.sandbox.client import StudentError
from convkit.grading.texts import call_text
from convkit.messages import message

NAME = "receptive_field"

# d2l "Convolutions for Images", receptive field: a 2×2 kernel on the 3×3 input gives a
# 2×2 output, another 2×2 kernel on that gives one element that sees all 9 input pixels.
D2L_EXAMPLE = [2, 2]

# (kernels, strides): a single layer sees exactly its kernel, whatever its own stride.
SINGLE_LAYERS = [([1], None), ([3], None), ([7], None), ([5], [4]), ([2], [3])]

STRIDE_ONE_CASES = 6
STRIDED_CASES = 8


# ------------------------------------------------------------------------ measurement
def input_side(kernel_sizes, strides) -> int:
    """An input side surely larger than the field: each layer's kernel, spread by the product
    of all the strides so far, plus one more output step (a loose bound, not the formula)."""
    side, jump = 0, 1
    for k, s in zip(kernel_sizes, strides):
        side += k * jump
        jump *= s
    return side + jump


def measured_receptive_field(kernel_sizes, strides) -> int:
    """The height of the input region with a nonzero gradient of one output element.

    Measured once per stack and process (the same stacks come back for every submission).
    """
    return _measured(tuple(kernel_sizes), tuple(strides) if strides else None)


@functools.lru_cache(maxsize=None)
def _measured(kernel_sizes: tuple, strides) -> int:
    strides = strides or [1] * len(kernel_sizes)
    layers = []
    for k, s in zip(kernel_sizes, strides):
        conv = nn.Conv2d(1, 1, k, stride=s, bias=False).double()
        nn.init.ones_(conv.weight)
        layers.append(conv)
    n = input_side(kernel_sizes, strides)
    X = torch.zeros(1, 1, n, n, dtype=torch.float64, requires_grad=True)
    out = nn.Sequential(*layers)(X)
    out[0, 0, out.shape[-2] // 2, out.shape[-1] // 2].backward()
    rows = X.grad[0, 0].ne(0).any(dim=1).nonzero().flatten()
    return int(rows.max() - rows.min() + 1)


def random_stack(seed: int, strided: bool):
    """Kernels 1..7 (at least two larger than 1) with stride 1, or kernels 1..5 with strides
    1..3 of which at least one below the top layer is larger than 1 (so strides matter)."""
    rng = random.Random(seed)
    while True:
        depth = rng.randint(2, 4 if strided else 6)
        kernels = [rng.randint(1, 5 if strided else 7) for _ in range(depth)]
        strides = [rng.randint(1, 3) for _ in range(depth)] if strided else None
        if sum(k > 1 for k in kernels) >= 2 and (not strided or max(strides[:-1]) > 1):
            return kernels, strides


# ------------------------------------------------------------------------ feedback and check
def formula_text(kernel_sizes, strides) -> str:
    """``1 + (k1-1)*1 + (k2-1)*s1 + (k3-1)*s1*s2 ...`` with the student's numbers."""
    strides = strides or [1] * len(kernel_sizes)
    terms = []
    for layer, k in enumerate(kernel_sizes):
        before = strides[:layer]
        jump = "*".join(str(s) for s in before) if any(s > 1 for s in before) else "1"
        terms.append(f"({k}-1)*{jump}")
    return "r = 1 + " + " + ".join(terms)


def known_mistakes(kernel_sizes, strides) -> list:
    """(mistake, the field it gives) for the classic wrong formulas."""
    strides = list(strides or [1] * len(kernel_sizes))
    below = [1]
    for s in strides[:-1]:
        below.append(below[-1] * s)
    including = [below[i] * strides[i] for i in range(len(strides))]
    total_stride = below[-1] * strides[-1]
    top_down_wrong = 1
    for k, s in zip(kernel_sizes, strides):
        top_down_wrong = (top_down_wrong - 1) * s + k
    return [
        (message("conv_layer.receptive_field.mistake.sum_of_kernels"), sum(kernel_sizes)),
        (message("conv_layer.receptive_field.mistake.ignores_strides"), 1 + sum(k - 1 for k in kernel_sizes)),
        (message("conv_layer.receptive_field.mistake.off_by_one"),
         sum((k - 1) * j for k, j in zip(kernel_sizes, below))),
        (message("conv_layer.receptive_field.mistake.own_stride"),
         1 + sum((k - 1) * j for k, j in zip(kernel_sizes, including))),
        (message("conv_layer.receptive_field.mistake.all_strides"),
         1 + sum(k - 1 for k in kernel_sizes) * total_stride),
        (message("conv_layer.receptive_field.mistake.wrong_direction"), top_down_wrong),
    ]


def call_student(student, args, call: str):
    """The student's answer; a crash on the default ``strides=None`` gets its own hint."""
    try:
        return student.call(NAME, *args)
    except StudentError as error:
        if len(args) > 1:
            raise  # the runner's generic "raised ..." feedback fits
        fail(call, message("conv_layer.receptive_field.expected.stride_one"),
             message("check.raised", error=error.describe()[:200]), message("hint.run_yourself"),
             mistakes=[message("conv_layer.receptive_field.mistake.strides_none")]
             if error.type_name == "TypeError" else [], kind="error")


def as_int(value):
    """Python ints, and 0-d integer tensors, count as ints; None for anything else."""
    if isinstance(value, torch.Tensor) and value.dim() == 0 and not value.is_floating_point() \
            and value.device.type != "meta":
        value = value.item()
    return None if isinstance(value, bool) or not isinstance(value, int) else value


def check_receptive_field(student, kernel_sizes, strides, reveal: bool = False) -> None:
    """The student's answer equals the measured field; the hint spells out the formula."""
    expected = measured_receptive_field(kernel_sizes, strides)
    args = (kernel_sizes,) if strides is None else (kernel_sizes, strides)
    call = call_text(NAME, *args)
    got = call_student(student, args, call)
    value = as_int(got)
    if value is None:
        fail(call, message("conv_layer.receptive_field.expected.int"), repr(got)[:80],
             message("conv_layer.receptive_field.hint.int"), kind="type")
    if value == expected:
        return
    fail(call, repr(expected) if reveal else message("conv_layer.receptive_field.expected.measured"), repr(value),
         message("conv_layer.receptive_field.rule", formula=formula_text(kernel_sizes, strides)
                 + (f" = {expected}" if reveal else "")),
         mistakes=[m for m, wrong in known_mistakes(kernel_sizes, strides) if wrong == value != expected],
         kind="value")


# ------------------------------------------------------------------------ tests
@pytest.mark.points(0.5)
def test_d2l_example(student):
    check_receptive_field(student, D2L_EXAMPLE, None, reveal=True)


@pytest.mark.points(0.5)
@pytest.mark.parametrize("case", range(len(SINGLE_LAYERS)))
def test_single_layer(student, case):
    kernels, strides = SINGLE_LAYERS[case]
    check_receptive_field(student, kernels, strides)


@pytest.mark.points(2)
@pytest.mark.parametrize("case", range(STRIDE_ONE_CASES))
def test_stride_one_stacks(student, case):
    """Half the cases leave ``strides`` out, half pass explicit ones: both mean stride 1."""
    kernels, _ = random_stack(600 + case, strided=False)
    check_receptive_field(student, kernels, None if case % 2 == 0 else [1] * len(kernels))


@pytest.mark.points(3)
@pytest.mark.parametrize("case", range(STRIDED_CASES))
def test_strided_stacks(student, case):
    check_receptive_field(student, *random_stack(700 + case, strided=True))
