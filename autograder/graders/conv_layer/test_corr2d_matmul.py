"""Hidden grader: cross-correlation as a matrix multiplication.

* ``corr2d_matmul(X, K)``: ``corr2d``'s result computed with one matrix multiplication
  (e.g. im2col: the windows of X as rows, times the flattened kernel);
* ``kernel_matrix(K, input_shape)``: ``C`` of shape ``(oh*ow, h*w)`` with
  ``C @ X.reshape(-1) == corr2d(X, K).reshape(-1)`` for every ``X``;
* ``transpose_corr2d(Y, K, input_shape)``: ``(C.T @ Y.reshape(-1)).reshape(input_shape)``,
  which is PyTorch's transposed convolution.

How it is judged: values against the float64 reference; ``C`` through its product with
random images (so any correct construction counts); ``transpose_corr2d`` against
``F.conv_transpose2d``; and, from the submitted source of the function and the
submission's own helpers it calls (``student.source``, read by the grader, so nothing
running in the sandbox can fake it), that it multiplies matrices and calls no library
convolution (``F.unfold``, im2col, is fine: it only rearranges). That point is earned only
with right values. Keeping dtype and device has its own point, apart from the values.
"""
import re

import pytest
import torch
import torch.nn.functional as F

import reference.conv_layer as ref
from autograder.graders.conv_layer._helpers import (
    CORRELATION_SHAPES,
    as64,
    corr2d_expected,
    shape_hint,
)
from convkit.grading.checks import (
    check_close,
    check_device,
    check_dtype,
    check_tensor,
    device_safe_call,
    fail,
)
from convkit.grading.data import on, random_tensor
from convkit.grading.texts import call_text

SHAPES = CORRELATION_SHAPES

# (input shape, K shape) for kernel_matrix and transpose_corr2d.
MATRIX_CASES = [
    ((4, 5), (2, 3)),
    ((3, 3), (2, 2)),
    ((5, 3), (3, 1)),
    ((3, 4), (3, 4)),
]

#: Library convolutions (functions, modules, ATen names) a matrix-multiplication answer must not call.
CONVOLUTION_NAME = re.compile(r"^_?(convolution|conv(_transpose)?[123]d|Conv(Transpose)?[123]d|conv_tbc)$")

MATMUL_HINT = ("flatten the windows of X into the rows of an (oh*ow, kh*kw) matrix (X.unfold(0, kh, 1)"
               ".unfold(1, kw, 1).reshape(oh*ow, -1), or F.unfold) and multiply it by K.reshape(-1)")

TRANSPOSE_HINT = ("transpose_corr2d(Y, K, input_shape) = (C.T @ Y.reshape(-1)).reshape(input_shape) with "
                  "C = kernel_matrix(K, input_shape): each Y[i, j] adds Y[i, j] * K onto the window at (i, j)")


def dims(x_shape, k_shape):
    (h, w), (kh, kw) = x_shape, k_shape
    return h, w, h - kh + 1, w - kw + 1


# ------------------------------------------------------------------------ corr2d_matmul
@pytest.mark.points(2)
@pytest.mark.parametrize("case", range(len(SHAPES)))
def test_corr2d_matmul_values(student, device, case):
    x_shape, k_shape = SHAPES[case]
    X = random_tensor(x_shape, seed=700 + case, device=device)
    K = random_tensor(k_shape, seed=710 + case, device=device)
    call = call_text("corr2d_matmul", X=X, K=K)
    value, magnitude = corr2d_expected(X, K)
    got = student.call("corr2d_matmul", X, K)
    check_close(got, value, call, terms=K.numel(), magnitude=magnitude, shape_hint=shape_hint(x_shape, k_shape),
                hint="the result is corr2d(X, K): Y[i, j] = (X[i:i+kh, j:j+kw] * K).sum(); " + MATMUL_HINT)


@pytest.mark.points(1)
def test_corr2d_matmul_d2l_integers(student):
    """d2l's worked example with integer tensors, as d2l writes it."""
    X = torch.arange(9).reshape(3, 3)
    K = torch.tensor([[0, 1], [2, 3]])
    got = student.call("corr2d_matmul", X, K)
    check_close(got, ref.corr2d(X, K).double(), "corr2d_matmul(X, K) on d2l's 3×3 example with int64 tensors",
                reveal=True, shape_hint=shape_hint((3, 3), (2, 2)),
                hint="integer inputs must give exact values (any result dtype is fine); F.unfold and CUDA matmuls "
                     "refuse integer tensors: compute in float64 (exact for such integers) and round back")


# ------------------------------------------------------------------------ really a matmul
ARGUMENTS = {
    "corr2d_matmul": lambda X, K: (X, K),
    "transpose_corr2d": lambda X, K: (random_tensor(dims(X.shape, K.shape)[2:], seed=721), K, tuple(X.shape)),
}
EXPECTED = {
    "corr2d_matmul": lambda X, K: corr2d_expected(X, K),
    "transpose_corr2d": lambda Y, K, shape: (F.conv_transpose2d(as64(Y)[None, None], as64(K)[None, None])[0, 0],
                                             F.conv_transpose2d(as64(Y).abs()[None, None],
                                                                as64(K).abs()[None, None])[0, 0]),
}


@pytest.mark.points(1)
@pytest.mark.parametrize("name", sorted(ARGUMENTS))
def test_uses_a_matmul(student, name):
    """Right values, from a source that multiplies matrices and calls no library convolution."""
    X, K = random_tensor((6, 7), seed=720), random_tensor((2, 3), seed=722)
    args = ARGUMENTS[name](X, K)
    call = call_text(name, *args)
    value, magnitude = EXPECTED[name](*args)
    check_close(student.call(name, *args), value, call, terms=K.numel(), magnitude=magnitude)
    hint = MATMUL_HINT if name == "corr2d_matmul" else TRANSPOSE_HINT
    source = student.source(name)
    convolutions = source.uses_any(CONVOLUTION_NAME)
    if convolutions:
        fail(f"the code of {name}", "no convolution function (the point is to express it as a matrix multiplication)",
             f"it calls {', '.join(convolutions)}", hint)
    if not source.uses_matmul:
        fail(f"the code of {name}", "a matrix multiplication (@, torch.mm, torch.mv, torch.matmul, einsum...)",
             "no matrix multiplication in it or in the functions it calls", hint)


# ------------------------------------------------------------------------ kernel_matrix
def matrix_diagnosis(C, K, input_shape) -> str:
    """Name a likely mistake in C's layout (values stay hidden)."""
    h, w, oh, ow = dims(input_shape, K.shape)
    C64, K64 = as64(C, K)
    flipped = ref.kernel_matrix(K64.flip(0, 1), input_shape)
    rows_by_column = ref.kernel_matrix(K64, input_shape).reshape(oh, ow, -1).transpose(0, 1).reshape(oh * ow, -1)
    if C64.shape == flipped.shape and torch.allclose(C64, flipped) and not torch.allclose(K64, K64.flip(0, 1)):
        return "the rows hold the flipped kernel: cross-correlation places K itself, C[i*ow + j, (i+a)*w + (j+b)] = K[a, b]"
    if C64.shape == rows_by_column.shape and torch.allclose(C64, rows_by_column) and oh > 1 and ow > 1:
        return "the rows are in column-major order: output (i, j) is row i*ow + j, as Y.reshape(-1) orders it"
    return ("row i*ow + j of C holds K at the flattened positions of the window at (i, j): "
            "C[i*ow + j, (i+a)*w + (j+b)] = K[a, b], zeros elsewhere")


@pytest.mark.points(2)
@pytest.mark.parametrize("case", range(len(MATRIX_CASES)))
def test_kernel_matrix(student, device, case):
    """C has shape (oh*ow, h*w) and C @ X.reshape(-1) == corr2d(X, K).reshape(-1) for random X."""
    x_shape, k_shape = MATRIX_CASES[case]
    h, w, oh, ow = dims(x_shape, k_shape)
    K = random_tensor(k_shape, seed=730 + case, device=device)
    call = call_text("kernel_matrix", K, x_shape)
    C = student.call("kernel_matrix", K, x_shape)
    hint = (f"one row per output element ({oh} * {ow} = {oh * ow}) and one column per input pixel "
            f"({h} * {w} = {w * h})")
    if isinstance(C, torch.Tensor) and tuple(C.shape) == (h * w, oh * ow) and h * w != oh * ow:
        hint = "C is transposed: " + hint
    C = check_tensor(C, call, shape=(oh * ow, h * w), hint=hint)
    C64 = as64(C)
    for trial in range(2):
        X = random_tensor(x_shape, seed=740 + 10 * case + trial)
        value, magnitude = corr2d_expected(X, K)
        product = (C64 @ as64(X).reshape(-1)).to(C.dtype if C.is_floating_point() else torch.float64)
        check_close(product, value.reshape(-1), f"C @ X.reshape(-1) with C = {call} and a random X {h}×{w}",
                    terms=K.numel(), magnitude=magnitude.reshape(-1), hint=matrix_diagnosis(C, K, x_shape))


# ------------------------------------------------------------------------ transpose_corr2d
@pytest.mark.points(1)
@pytest.mark.parametrize("case", range(len(MATRIX_CASES)))
def test_transpose_corr2d(student, device, case):
    """Equals F.conv_transpose2d(Y[None, None], K[None, None])[0, 0] (computed in float64)."""
    x_shape, k_shape = MATRIX_CASES[case]
    h, w, oh, ow = dims(x_shape, k_shape)
    Y = random_tensor((oh, ow), seed=750 + case, device=device)
    K = random_tensor(k_shape, seed=760 + case, device=device)
    call = call_text("transpose_corr2d", Y, K, x_shape)
    Y64, K64 = as64(Y, K)
    value = F.conv_transpose2d(Y64[None, None], K64[None, None])[0, 0]
    magnitude = F.conv_transpose2d(Y64.abs()[None, None], K64.abs()[None, None])[0, 0]
    got = student.call("transpose_corr2d", Y, K, x_shape)
    check_close(got, value, call, terms=K.numel(), magnitude=magnitude,
                shape_hint=f"the result has the input's shape {x_shape}", hint=TRANSPOSE_HINT)


# ------------------------------------------------------------------------ dtype and device
def device_case(name, device):
    """float64 arguments on ``device`` for each function, and the result shape."""
    X = random_tensor((5, 6), seed=770, dtype=torch.float64)
    K = random_tensor((2, 3), seed=771, dtype=torch.float64)
    Y = random_tensor((4, 4), seed=772, dtype=torch.float64)
    X, K, Y = on(device, X, K, Y)
    return {
        "corr2d_matmul": ((X, K), (4, 4)),
        "kernel_matrix": ((K, (5, 6)), (16, 30)),
        "transpose_corr2d": ((Y, K, (5, 6)), (5, 6)),
    }[name]


@pytest.mark.points(1)
@pytest.mark.parametrize("name", ["corr2d_matmul", "kernel_matrix", "transpose_corr2d"])
def test_keeps_dtype_and_device(student, safe_device, name):
    """float64 inputs on another device give a float64 result on that device."""
    args, shape = device_case(name, safe_device)
    call = call_text(name, *args)
    got = check_tensor(device_safe_call(student, name, *args, call=call), call, shape=shape)
    check_device(got, safe_device, call)
    check_dtype(got, torch.float64, call)
