"""Hidden grader: ``corr2d_multi_in_out_1x1(X, K)``, a 1×1 convolution computed with one
matrix multiplication: ``X (c, h, w)``, ``K (co, c, 1, 1)`` -> ``(co, h, w)``, as d2l does
it (``K.reshape(co, c) @ X.reshape(c, h*w)``).

Values (on images with h != w, so a reshape in the wrong order shows), integers, dtype
and device earn separate points; "a matmul really happens" is judged, with right values,
from the submitted source of the function and of the submission's helpers it calls
(``student.source``: read by the grader, so nothing running in the sandbox can fake it):
a matrix multiplication, and no library convolution.
"""
import re

import pytest
import torch

import reference.channels as ref
from autograder.graders.channels._helpers import (
    check_keeps_device,
    check_keeps_dtype,
    check_values,
)
from convkit.grading.checks import fail
from convkit.grading.data import random_ints, random_tensor
from convkit.messages import message

MATMUL_HINT = message("channels.corr2d_multi_in_out_1x1.rule")

#: Library convolutions (functions, modules, ATen names) the answer must not call.
CONVOLUTION_NAME = re.compile(r"^_?(convolution|conv(_transpose)?[123]d|Conv(Transpose)?[123]d|conv_tbc)$")

# (c, h, w, co): h != w (except where one side is 1), c != co.
SHAPES = [(3, 4, 6, 2), (1, 5, 3, 4), (6, 2, 7, 1), (4, 7, 5, 8), (5, 1, 9, 3)]


def shape_hint(x_shape, co):
    c, h, w = x_shape
    return message("channels.corr2d_multi_in_out_1x1.hint.shape", co=co, h=h, w=w)


def reshape_mistakes(inputs: dict) -> list:
    """(mistake, what it gives) for the classic reshapes, on the float64 inputs."""
    X, K = inputs["X"], inputs["K"]
    (c, h, w), co = X.shape, K.shape[0]
    K2 = K.reshape(co, c)
    return [(message("channels.corr2d_multi_in_out_1x1.mistake.reshape_w_h"),
             (K2 @ X.reshape(c, h * w)).reshape(co, w, h)),
            (message("channels.corr2d_multi_in_out_1x1.mistake.columns_flattened"),
             (K2 @ X.transpose(1, 2).reshape(c, w * h)).reshape(co, h, w)),
            (message("channels.corr2d_multi_in_out_1x1.mistake.not_transposed"),
             (X.reshape(c, h * w).T @ K2.T).reshape(co, h, w))]


def inputs_for(x_shape, co, seed, device="cpu"):
    X = random_tensor(x_shape, seed=seed, device=device)
    K = random_tensor((co, x_shape[0], 1, 1), seed=seed + 1, device=device)
    return {"X": X, "K": K}


def check_1x1(student, inputs, hint=MATMUL_HINT):
    X, K = inputs["X"], inputs["K"]
    return check_values(student, "corr2d_multi_in_out_1x1", ref.corr2d_multi_in_out_1x1, inputs,
                        terms=K.shape[1], shape_hint=shape_hint(X.shape, K.shape[0]), hint=hint,
                        mistakes=reshape_mistakes)


@pytest.mark.points(1)
def test_d2l_check(student, device):
    """d2l compares with corr2d_multi_in_out on X (3, 3, 3) and K (2, 3, 1, 1)."""
    check_1x1(student, inputs_for((3, 3, 3), 2, seed=700, device=device))


@pytest.mark.points(2)
@pytest.mark.parametrize("case", range(len(SHAPES)))
def test_random_shapes(student, device, case):
    c, h, w, co = SHAPES[case]
    check_1x1(student, inputs_for((c, h, w), co, seed=710 + 2 * case, device=device))


@pytest.mark.points(2)
def test_uses_matmul_not_convolution(student):
    """Right values, from a source that multiplies matrices and calls no library convolution."""
    check_1x1(student, inputs_for((4, 5, 6), 3, seed=730))
    source = student.source("corr2d_multi_in_out_1x1")
    convolutions = source.uses_any(CONVOLUTION_NAME)
    code = message("channels.corr2d_multi_in_out_1x1.call_code")
    if convolutions:
        fail(code, message("channels.corr2d_multi_in_out_1x1.expected.no_convolution"),
             message("channels.corr2d_multi_in_out_1x1.got.calls", names=", ".join(convolutions)), MATMUL_HINT,
             mistakes=[message("channels.corr2d_multi_in_out_1x1.mistake.library_convolution",
                               names=", ".join(convolutions))], kind="value")
    if not source.uses_matmul:
        fail(code, message("channels.corr2d_multi_in_out_1x1.expected.a_matmul"),
             message("channels.corr2d_multi_in_out_1x1.got.no_matmul"), MATMUL_HINT,
             mistakes=[message("channels.corr2d_multi_in_out_1x1.mistake.no_matmul")], kind="value")


@pytest.mark.points(1)
def test_integer_inputs(student):
    X, K = random_ints((3, 4, 5), seed=740), random_ints((2, 3, 1, 1), seed=741)
    check_1x1(student, {"X": X, "K": K}, hint=message("channels.hint.integers_and", rule=MATMUL_HINT))


@pytest.mark.points(1)
@pytest.mark.parametrize("dtype", [torch.float64, torch.float16])
def test_keeps_dtype(student, dtype):
    X = random_tensor((3, 4, 5), seed=750, dtype=dtype)
    K = random_tensor((2, 3, 1, 1), seed=751, dtype=dtype)
    check_keeps_dtype(student, "corr2d_multi_in_out_1x1", ref.corr2d_multi_in_out_1x1, {"X": X, "K": K}, dtype,
                      terms=3, shape_hint=shape_hint(X.shape, 2), hint=MATMUL_HINT, mistakes=reshape_mistakes)


@pytest.mark.points(1)
def test_keeps_device(student, safe_device):
    check_keeps_device(student, "corr2d_multi_in_out_1x1", inputs_for((3, 4, 6), 5, seed=760), safe_device,
                       shape=(5, 4, 6), shape_hint=shape_hint((3, 4, 6), 5), reference=ref.corr2d_multi_in_out_1x1,
                       terms=3, hint=MATMUL_HINT, mistakes=reshape_mistakes)
