"""Hidden grader: ``convolve2d(X, K)``, true 2-D convolution in "valid" mode.

Convolution flips the kernel in both axes before sliding it:
``Y[i, j] = sum_ab X[i+a, j+b] * K[kh-1-a, kw-1-b]``, which is ``corr2d(X, K.flip(0, 1))``;
the result has ``corr2d``'s shape.

Points: values on random shapes; a separate test with asymmetric kernels that tells
convolution from cross-correlation and names the likely mistake (no flip, one axis only, a
transpose); integer inputs; and, apart from the values, keeping the input's dtype and
device, so a convolve2d built on d2l's textbook corr2d loses only those.
"""
import pytest
import torch

import reference.conv_layer as ref
from autograder.graders.conv_layer._helpers import (
    CORRELATION_SHAPES,
    as64,
    check_keeps_device,
    check_keeps_dtype,
    shape_hint,
    size_mistakes,
)
from convkit.grading.checks import check_close
from convkit.grading.data import random_ints, random_tensor
from convkit.grading.texts import call_text
from convkit.messages import message

FLIP_HINT = message("conv_layer.convolve2d.rule")

SHAPES = CORRELATION_SHAPES

# Kernels with both sides > 1 and no symmetry, so every partial flip gives other values
# (on random images: on a linear ramp like d2l's arange example, a transpose and a
# one-axis flip can give the same values, which would blur the diagnosis).
ASYMMETRIC = [
    ((5, 5), [[0.0, 1.0], [2.0, 3.0]]),  # d2l's worked example's kernel
    ((6, 7), [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]),
    ((7, 5), [[1.0, -2.0], [0.0, 3.0], [5.0, 4.0]]),
]


def expected(X, K):
    """Reference value in float64, and the magnitude that scales the tolerance."""
    X64, K64 = as64(X, K)
    return ref.convolve2d(X64, K64), ref.corr2d(X64.abs(), K64.abs())


def flip_mistakes(X, K):
    """Which wrong kernel orientation gives which output (values stay hidden): no flip, one
    axis only, a transpose or a quarter turn (for square kernels)."""
    X64, K64 = as64(X, K)
    mistakes = [
        (message("conv_layer.convolve2d.mistake.not_flipped"), lambda: ref.corr2d(X64, K64)),
        (message("conv_layer.convolve2d.mistake.rows_only"), lambda: ref.corr2d(X64, K64.flip(0))),
        (message("conv_layer.convolve2d.mistake.columns_only"), lambda: ref.corr2d(X64, K64.flip(1))),
    ]
    if K64.shape[0] == K64.shape[1]:
        mistakes += [(message("conv_layer.convolve2d.mistake.transposed"), lambda: ref.corr2d(X64, K64.T)),
                     (message("conv_layer.convolve2d.mistake.quarter_turn"),
                      lambda: ref.corr2d(X64, torch.rot90(K64, 1))),
                     (message("conv_layer.convolve2d.mistake.quarter_turn"),
                      lambda: ref.corr2d(X64, torch.rot90(K64, -1)))]
    return mistakes


def check_values(student, X, K, hint=FLIP_HINT):
    call = call_text("convolve2d", X=X, K=K)
    value, magnitude = expected(X, K)
    got = student.call("convolve2d", X, K)
    check_close(got, value, call, terms=K.numel(), magnitude=magnitude, shape_hint=shape_hint(X.shape, K.shape),
                shape_mistakes=size_mistakes(X.shape, K.shape), hint=hint, mistakes=flip_mistakes(X, K))
    return got


@pytest.mark.points(3)
@pytest.mark.parametrize("case", range(len(SHAPES)))
def test_random_shapes(student, device, case):
    x_shape, k_shape = SHAPES[case]
    X = random_tensor(x_shape, seed=600 + case, device=device)
    K = random_tensor(k_shape, seed=610 + case, device=device)
    check_values(student, X, K)


# ------------------------------------------------------------------------ flip or not
@pytest.mark.points(2)
@pytest.mark.parametrize("case", range(len(ASYMMETRIC)))
def test_flips_the_kernel(student, case):
    """Asymmetric kernels tell convolution from cross-correlation and from partial flips."""
    x_shape, rows = ASYMMETRIC[case]
    X = random_tensor(x_shape, seed=620 + case)
    K = torch.tensor(rows)
    check_values(student, X, K)


# ------------------------------------------------------------------------ integers, dtype, device
@pytest.mark.points(1)
def test_integer_inputs(student):
    X = torch.arange(20).reshape(4, 5)
    K = random_ints((2, 3), seed=630)
    check_values(student, X, K, hint=message("conv_layer.hint.integers", rule=FLIP_HINT))


@pytest.mark.points(1)
@pytest.mark.parametrize("dtype", [torch.float64, torch.float16])
def test_keeps_dtype(student, dtype):
    """Right values (at the coarser of the result's and the input's precision), then the dtype."""
    X = random_tensor((5, 6), seed=640, dtype=dtype)
    K = random_tensor((2, 3), seed=641, dtype=dtype)
    value, magnitude = expected(X, K)
    check_keeps_dtype(student, "convolve2d", X, K, value, terms=K.numel(), magnitude=magnitude, hint=FLIP_HINT,
                      mistakes=flip_mistakes(X, K))


@pytest.mark.points(1)
def test_keeps_device(student, safe_device):
    check_keeps_device(student, "convolve2d", safe_device, seeds=(650, 651), hint=FLIP_HINT, reference=ref.convolve2d,
                       mistakes=flip_mistakes)
