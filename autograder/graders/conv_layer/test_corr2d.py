"""Hidden grader: ``corr2d(X, K)``, 2-D cross-correlation (stride 1, no padding).

Points: values (d2l's example, random shapes, one of them a non-contiguous ``X.t()`` as
d2l's exercise uses, integers) are separate from keeping the input's dtype and device, so
d2l's textbook code (``torch.zeros`` on the CPU in float32) earns the value points and
loses only the dtype/device points, with a hint naming the line that does it. Dtype and
device points are earned only by right values. A wrong answer is compared with the known
mistakes (a flipped or transposed kernel, a range one short, reading a non-contiguous X as
if it were contiguous) and told which one it equals.
"""
import pytest
import torch

import reference.conv_layer as ref
from autograder.graders.conv_layer._helpers import (
    CORRELATION_SHAPES,
    TRANSPOSED_CASE,
    check_keeps_device,
    check_keeps_dtype,
    correlation_mistakes,
    corr2d_expected,
    shape_hint,
    size_mistakes,
    transposed_image,
)
from convkit.grading.checks import check_close
from convkit.grading.data import random_ints, random_tensor
from convkit.grading.texts import call_text
from convkit.messages import message

D2L_X = torch.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]])
D2L_K = torch.tensor([[0.0, 1.0], [2.0, 3.0]])

#: The random shapes, then d2l's exercise: the image given transposed (not contiguous).
SHAPES = CORRELATION_SHAPES + [TRANSPOSED_CASE]
RULE = message("conv_layer.corr2d.rule")


def check_values(student, X, K, hint=RULE, call=None):
    call = call or call_text("corr2d", X=X, K=K)
    value, magnitude = corr2d_expected(X, K)
    got = student.call("corr2d", X, K)
    check_close(got, value, call, terms=K.numel(), magnitude=magnitude, hint=hint,
                shape_hint=shape_hint(X.shape, K.shape), shape_mistakes=size_mistakes(X.shape, K.shape),
                mistakes=correlation_mistakes(X, K))
    return got


@pytest.mark.points(1)
def test_d2l_example(student):
    got = student.call("corr2d", D2L_X, D2L_K)
    check_close(got, ref.corr2d(D2L_X.double(), D2L_K.double()), message("conv_layer.corr2d.call_d2l"),
                reveal=True, shape_hint=shape_hint((3, 3), (2, 2)), hint=RULE,
                shape_mistakes=size_mistakes((3, 3), (2, 2)), mistakes=correlation_mistakes(D2L_X, D2L_K))


@pytest.mark.points(3)
@pytest.mark.parametrize("case", range(len(SHAPES)))
def test_random_shapes(student, device, case):
    x_shape, k_shape = SHAPES[case]
    if case == len(CORRELATION_SHAPES):
        X = transposed_image(x_shape, seed=100 + case, device=device)
        K = random_tensor(k_shape, seed=200 + case, device=device)
        check_values(student, X, K, call=message("conv_layer.call.transposed", call=call_text("corr2d", X=X, K=K)))
        return
    X = random_tensor(x_shape, seed=100 + case, device=device)
    K = random_tensor(k_shape, seed=200 + case, device=device)
    check_values(student, X, K)


@pytest.mark.points(1)
def test_integer_inputs(student):
    X = torch.arange(20).reshape(4, 5)
    K = random_ints((2, 3), seed=7)
    check_values(student, X, K, hint=message("conv_layer.hint.integers", rule=RULE))


@pytest.mark.points(1)
@pytest.mark.parametrize("dtype", [torch.float64, torch.float16], ids=["float64", "float16"])
def test_keeps_dtype(student, dtype):
    X = random_tensor((5, 6), seed=31, dtype=dtype)
    K = random_tensor((2, 2), seed=32, dtype=dtype)
    value, magnitude = corr2d_expected(X, K)
    check_keeps_dtype(student, "corr2d", X, K, value, terms=K.numel(), magnitude=magnitude, hint=RULE)


@pytest.mark.points(1)
def test_keeps_device(student, safe_device):
    check_keeps_device(student, "corr2d", safe_device, seeds=(41, 42), hint=RULE)
