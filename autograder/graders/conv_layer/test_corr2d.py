"""Hidden grader: ``corr2d(X, K)``, 2-D cross-correlation (stride 1, no padding).

Points: values (d2l's example, random shapes, integers) are separate from keeping the
input's dtype and device, so d2l's textbook code (``torch.zeros`` on the CPU in float32)
earns the value points and loses only the dtype/device points, with a hint saying why.
"""
import pytest
import torch

import reference.conv_layer as ref
from autograder.graders.conv_layer._helpers import (
    CORRELATION_SHAPES,
    check_keeps_device,
    corr2d_expected,
    shape_hint,
)
from convkit.grading.checks import check_close, check_dtype
from convkit.grading.data import random_ints, random_tensor
from convkit.grading.texts import call_text

D2L_X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])
D2L_K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])

SHAPES = CORRELATION_SHAPES


def check_values(student, X, K):
    call = call_text("corr2d", X=X, K=K)
    value, magnitude = corr2d_expected(X, K)
    got = student.call("corr2d", X, K)
    check_close(got, value, call, terms=K.numel(), magnitude=magnitude,
                shape_hint=shape_hint(X.shape, K.shape))
    return got


@pytest.mark.points(1)
def test_d2l_example(student):
    got = student.call("corr2d", D2L_X, D2L_K)
    check_close(got, ref.corr2d(D2L_X.double(), D2L_K.double()), "corr2d(X, K) on d2l's 3×3 example",
                reveal=True, shape_hint=shape_hint((3, 3), (2, 2)),
                hint="Y[i, j] = (X[i:i+kh, j:j+kw] * K).sum(); do not flip K")


@pytest.mark.points(3)
@pytest.mark.parametrize("case", range(len(SHAPES)))
def test_random_shapes(student, device, case):
    x_shape, k_shape = SHAPES[case]
    X = random_tensor(x_shape, seed=100 + case, device=device)
    K = random_tensor(k_shape, seed=200 + case, device=device)
    check_values(student, X, K)


@pytest.mark.points(1)
def test_integer_inputs(student):
    X = torch.arange(20).reshape(4, 5)
    K = random_ints((2, 3), seed=7)
    call = call_text("corr2d", X=X, K=K)
    got = student.call("corr2d", X, K)
    check_close(got, ref.corr2d(X, K).double(), call, shape_hint=shape_hint(X.shape, K.shape),
                hint="integer inputs must give exact values (any result dtype is fine)")


@pytest.mark.points(1)
@pytest.mark.parametrize("dtype", [torch.float64, torch.float16], ids=["float64", "float16"])
def test_keeps_dtype(student, dtype):
    X = random_tensor((5, 6), seed=31, dtype=dtype)
    K = random_tensor((2, 2), seed=32, dtype=dtype)
    got = check_values(student, X, K)  # a wrong answer of the right dtype earns nothing here
    check_dtype(got, dtype, call_text("corr2d", X=X, K=K))


@pytest.mark.points(1)
def test_keeps_device(student, safe_device):
    check_keeps_device(student, "corr2d", safe_device, seeds=(41, 42))
