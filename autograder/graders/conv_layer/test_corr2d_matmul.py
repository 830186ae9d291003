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
    correlation_mistakes,
    corr2d_expected,
    shape_hint,
    size_mistakes,
)
from convkit.grading.checks import (
    leaves,
    check_close,
    check_device,
    check_dtype,
    check_tensor,
    coarser,
    device_safe_call,
    fail,
)
from convkit.grading.data import on, random_tensor
from convkit.grading.student import SkippedCall
from convkit.grading.texts import call_text
from convkit.messages import message
from convkit.sandbox.client import SandboxFailure, StudentError

SHAPES = CORRELATION_SHAPES

# (input shape, K shape) for kernel_matrix and transpose_corr2d: square and non-square
# outputs (4×5 and 5×3, so row numbers like i*oh + j, right only when oh == ow, show).
MATRIX_CASES = [
    ((4, 5), (2, 3)),
    ((3, 3), (2, 2)),
    ((5, 3), (3, 1)),
    ((3, 4), (3, 4)),
    ((5, 7), (2, 3)),
    ((6, 4), (2, 2)),
]

#: Library convolutions (functions, modules, ATen names) a matrix-multiplication answer must not call.
CONVOLUTION_NAME = re.compile(r"^_?(convolution|conv(_transpose)?[123]d|Conv(Transpose)?[123]d|conv_tbc)$")

MATMUL_HINT = message("conv_layer.corr2d_matmul.rule")
TRANSPOSE_HINT = message("conv_layer.corr2d_matmul.transpose_rule")
MATRIX_HINT = message("conv_layer.corr2d_matmul.matrix_rule")


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
                shape_mistakes=size_mistakes(x_shape, k_shape), hint=MATMUL_HINT, mistakes=correlation_mistakes(X, K))


@pytest.mark.points(1)
def test_corr2d_matmul_d2l_integers(student):
    """d2l's worked example with integer tensors, as d2l writes it."""
    X = torch.arange(9).reshape(3, 3)
    K = torch.tensor([[0, 1], [2, 3]])
    got = student.call("corr2d_matmul", X, K)
    check_close(got, ref.corr2d(X, K).double(), message("conv_layer.corr2d_matmul.call_d2l"),
                reveal=True, shape_hint=shape_hint((3, 3), (2, 2)), shape_mistakes=size_mistakes((3, 3), (2, 2)),
                hint=message("conv_layer.corr2d_matmul.hint.integers"), mistakes=correlation_mistakes(X, K))


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
    mistakes = correlation_mistakes(X, K) if name == "corr2d_matmul" else transpose_mistakes(*args, student=student)
    check_close(student.call(name, *args), value, call, terms=K.numel(), magnitude=magnitude,
                hint=MATMUL_HINT if name == "corr2d_matmul" else TRANSPOSE_HINT, mistakes=mistakes)
    hint = MATMUL_HINT if name == "corr2d_matmul" else TRANSPOSE_HINT
    source = student.source(name)
    code = message("conv_layer.corr2d_matmul.call_code", name=name)
    convolutions = source.uses_any(CONVOLUTION_NAME)
    if convolutions:
        fail(code, message("conv_layer.corr2d_matmul.expected.no_convolution"),
             message("conv_layer.corr2d_matmul.got.calls", names=", ".join(convolutions)), hint,
             mistakes=[message("conv_layer.corr2d_matmul.mistake.library_convolution", name=name,
                               names=", ".join(convolutions))], kind="value")
    if not source.uses_matmul:
        fail(code, message("conv_layer.corr2d_matmul.expected.a_matmul"),
             message("conv_layer.corr2d_matmul.got.no_matmul"), hint,
             mistakes=[message("conv_layer.corr2d_matmul.mistake.no_matmul", name=name)], kind="value")


# ------------------------------------------------------------------------ kernel_matrix
def wrong_matrices(K, input_shape):
    """(mistake, C that mistake builds) for the classic layouts of C (values stay hidden)."""
    h, w, oh, ow = dims(input_shape, K.shape)
    K64 = as64(K)
    right = ref.kernel_matrix(K64, input_shape)

    def placed(row_of, column_stride):
        """C as code writing K[a, b] at C[row_of(i, j), (i+a)*column_stride + (j+b)] builds it
        (entry by entry, later writes winning); None where that code would index out of C."""
        kh, kw = K64.shape
        C = torch.zeros_like(right)
        for i in range(oh):
            for j in range(ow):
                row = row_of(i, j)
                if not 0 <= row < C.shape[0]:
                    return None
                for a in range(kh):
                    for b in range(kw):
                        C[row, (i + a) * column_stride + (j + b)] = K64[a, b]
        return C

    def rows_numbered(number):
        return placed(number, w)

    def columns_with_stride(stride):
        return placed(lambda i, j: i * ow + j, stride)

    mistakes = [(message("conv_layer.corr2d_matmul.mistake.matrix_flipped"),
                 lambda: ref.kernel_matrix(K64.flip(0, 1), input_shape))]
    if oh > 1 and ow > 1:
        mistakes.append((message("conv_layer.corr2d_matmul.mistake.rows_column_major"),
                         lambda: rows_numbered(lambda i, j: j * oh + i)))
    if oh != ow:
        mistakes.append((message("conv_layer.corr2d_matmul.mistake.rows_times_oh"),
                         lambda: rows_numbered(lambda i, j: i * oh + j)))
    if ow != w:
        mistakes.append((message("conv_layer.corr2d_matmul.mistake.columns_output_width"),
                         lambda: columns_with_stride(ow)))
    return mistakes


@pytest.mark.points(2)
@pytest.mark.parametrize("case", range(len(MATRIX_CASES)))
def test_kernel_matrix(student, device, case):
    """C has shape (oh*ow, h*w) and C @ X.reshape(-1) == corr2d(X, K).reshape(-1) for random X."""
    x_shape, k_shape = MATRIX_CASES[case]
    h, w, oh, ow = dims(x_shape, k_shape)
    K = random_tensor(k_shape, seed=730 + case, device=device)
    call = call_text("kernel_matrix", K, x_shape)
    C = student.call("kernel_matrix", K, x_shape)
    for trial in range(2):
        check_matrix(C, K, x_shape, call, random_tensor(x_shape, seed=740 + 10 * case + trial))


def check_matrix(C, K, x_shape, call, X, precision=None):
    """C has shape (oh*ow, h*w) and C @ X.reshape(-1) == corr2d(X, K).reshape(-1); a wrong C is
    compared, through the same product, with the classic wrong layouts."""
    h, w, oh, ow = dims(x_shape, K.shape)
    C = check_tensor(C, call, shape=(oh * ow, h * w),
                     hint=message("conv_layer.corr2d_matmul.hint.matrix_shape", oh=oh, ow=ow, rows=oh * ow, h=h, w=w,
                                  columns=h * w),
                     shape_mistakes=[(message("conv_layer.corr2d_matmul.mistake.matrix_transposed"), (h * w, oh * ow))]
                     if h * w != oh * ow else [])
    X64 = as64(X).reshape(-1)
    value, magnitude = corr2d_expected(X, K)
    product = (as64(C) @ X64).to(C.dtype if C.is_floating_point() else torch.float64)
    check_close(product, value.reshape(-1), message("conv_layer.corr2d_matmul.call_product", call=call, h=h, w=w),
                terms=K.numel(), magnitude=magnitude.reshape(-1), hint=MATRIX_HINT, precision=precision,
                mistakes=[(m, _product(C_wrong, X64)) for m, C_wrong in wrong_matrices(K, x_shape)])


def _product(make, x):
    """A lazy ``C @ x`` for a wrong C (None when that mistake cannot build a C here)."""
    def value():
        C = make()
        return None if C is None else C @ x
    return value


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
                shape_hint=message("conv_layer.corr2d_matmul.hint.transpose_shape", shape=x_shape),
                hint=TRANSPOSE_HINT, mistakes=transpose_mistakes(Y, K, x_shape, student))


def transpose_mistakes(Y, K, x_shape, student=None):
    """What a transposed convolution with the kernel flipped gives, and (with ``student``) what
    C.T @ y gives with the student's own kernel_matrix (values stay hidden)."""
    Y64, K64 = as64(Y, K)
    mistakes = [(message("conv_layer.corr2d_matmul.mistake.transpose_flipped"),
                 lambda: F.conv_transpose2d(Y64[None, None], K64.flip(0, 1)[None, None])[0, 0])]
    if student is not None and student.has("kernel_matrix"):
        mistakes.append((message("conv_layer.corr2d_matmul.mistake.transpose_uses_wrong_C"),
                         lambda: _with_students_matrix(student, Y64, K, x_shape)))
    return mistakes


def _with_students_matrix(student, Y64, K, x_shape):
    """(C.T @ y).reshape(x_shape) with the student's C, or None when it is not a usable matrix."""
    try:
        C = student.call("kernel_matrix", K, tuple(x_shape))
    except (StudentError, SandboxFailure, SkippedCall):
        return None
    if not isinstance(C, torch.Tensor) or C.device.type == "meta" or C.dim() != 2 \
            or tuple(C.shape) != (Y64.numel(), x_shape[0] * x_shape[1]):
        return None
    return (as64(C).T @ Y64.reshape(-1)).reshape(x_shape)


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
    cpu_args, shape = device_case(name, "cpu")
    check_cpu_values(student, name, cpu_args)
    args, shape = device_case(name, safe_device)
    call = call_text(name, *args)
    off_device = leaves(student, [name], "device")
    got = check_tensor(device_safe_call(student, name, *args, call=call, mistakes=off_device), call, shape=shape)
    check_device(got, safe_device, call, mistakes=off_device)
    check_dtype(got, torch.float64, call, mistakes=leaves(student, [name], "dtype"))


def check_cpu_values(student, name, args):
    """The same float64 call on the CPU gives right values (at the coarser of the result's and
    float64's precision): dtype and device points are earned only by right answers."""
    call = call_text(name, *args)
    got = student.call(name, *args)
    precision = coarser(got.dtype, torch.float64) if isinstance(got, torch.Tensor) else None
    if name == "kernel_matrix":
        K, x_shape = args
        check_matrix(got, K, x_shape, call, random_tensor(x_shape, seed=775, dtype=torch.float64), precision)
        return
    if name == "corr2d_matmul":
        X, K = args
        value, magnitude = corr2d_expected(X, K)
        check_close(got, value, call, terms=K.numel(), magnitude=magnitude, hint=MATMUL_HINT, precision=precision,
                    mistakes=correlation_mistakes(X, K))
        return
    value, magnitude = EXPECTED[name](*args)
    check_close(got, value, call, terms=args[1].numel(), magnitude=magnitude, hint=TRANSPOSE_HINT,
                precision=precision, mistakes=transpose_mistakes(*args, student=student))
