"""Shared helpers for the graders of hand-designed kernels (diagonal edges, derivatives,
Laplacian, blur).

Why a helper: these questions hand back a *kernel*, and a kernel is judged by what it does
to images, not by its entries (so every valid design earns full credit). The student's
kernel is data: it is moved to the CPU in float64 here and applied with the REFERENCE
``corr2d`` in the grader process, so a wrong ``corr2d`` in the submission cannot hide or
fake a property, and no student code runs on the test images.

Tolerance: a response is compared with its expected value using the kit's policy
(``convkit.grading.checks.tolerance``) at the precision the kernel was given in, but never
finer than float32: a float32 kernel like ``[[1/3, ...]]`` carries float32 rounding into
every response, and a float64 kernel *computed* numerically (solving a Vandermonde system
for derivative taps, say) carries errors well above float64 rounding (1e-12 after an
ill-conditioned solve) while being a perfectly valid design. Wrong kernels miss by O(1),
orders of magnitude above either allowance.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch

import reference.conv_layer as ref
from convkit.grading.checks import check_tensor, fail, tolerance
from convkit.grading.data import generator
from convkit.grading.texts import describe_result
from convkit.messages import message

#: Larger kernels are refused (with a hint): every kernel asked for here is a few taps wide.
MAX_SIDE = 32

F64 = torch.float64

#: The finest precision a kernel is held to (see the module docstring).
PRECISION_FLOOR = torch.float32


@dataclass(frozen=True)
class Kernel:
    """A student's kernel as the graders use it."""

    values: torch.Tensor  # float64, on the CPU
    dtype: torch.dtype  # precision it is judged at: its own dtype, at most as fine as float32
    call: str  # how it was obtained, for feedback: "laplacian_kernel()"

    @property
    def shape(self) -> tuple[int, int]:
        return tuple(self.values.shape)


# ----------------------------------------------------------------------------- kernels
def fetch_kernel(student, name: str, *args) -> Kernel:
    """Call ``name(*args)`` in the submission and validate that it returned a usable kernel."""
    call = f"{name}({', '.join(repr(a) for a in args)})"
    return as_kernel(student.call(name, *args), call)


def as_kernel(got, call: str) -> Kernel:
    """A 2-D, real, finite, non-empty tensor of modest size, as float64 on the CPU."""
    check_tensor(got, call, hint=message("conv_layer.kernels.hint.return_kernel"))
    if got.dim() != 2:
        fail(call, message("conv_layer.kernels.expected.two_d"), describe_result(got),
             message("conv_layer.kernels.hint.two_d"),
             mistakes=[message("conv_layer.kernels.mistake.one_d")] if got.dim() == 1 else [], kind="shape")
    if got.device.type == "meta":
        fail(call, message("check.a_tensor_with_values"), message("check.meta_result"),
             message("conv_layer.kernels.hint.from_numbers"), kind="values")
    if got.is_complex():
        fail(call, message("conv_layer.kernels.expected.real"), describe_result(got),
             message("conv_layer.kernels.hint.real"), kind="type")
    if got.numel() == 0 or max(got.shape) > MAX_SIDE:
        fail(call, message("conv_layer.kernels.expected.small", side=MAX_SIDE), describe_result(got),
             message("conv_layer.kernels.hint.small"), kind="shape")
    values = got.detach().to("cpu", F64)
    if not bool(torch.isfinite(values).all()):
        fail(call, message("conv_layer.kernels.expected.finite"), message("conv_layer.kernels.got.not_finite"),
             message("conv_layer.kernels.hint.finite"), kind="values")
    return Kernel(values, precision(got.dtype), call)


def precision(dtype: torch.dtype) -> torch.dtype:
    """The dtype whose rounding a kernel of ``dtype`` is allowed: its own when coarser than
    float32 (float16, bfloat16), float32 otherwise (float64, integers)."""
    if dtype.is_floating_point and torch.finfo(dtype).eps > torch.finfo(PRECISION_FLOOR).eps:
        return dtype
    return PRECISION_FLOOR


def shape_text(shape) -> str:
    return "×".join(str(s) for s in shape)


# ----------------------------------------------------------------------------- images
def grid(shape) -> tuple[torch.Tensor, torch.Tensor]:
    """Row index ``i`` (height, "y") and column index ``j`` (width, "x") as float64 images."""
    h, w = shape
    i = torch.arange(h, dtype=F64)[:, None].expand(h, w)
    j = torch.arange(w, dtype=F64)[None, :].expand(h, w)
    return i, j


def canvas(kernel: Kernel, extra_h: int = 8, extra_w: int = 8) -> tuple[int, int]:
    """An image shape that fits the kernel with an output of ``(extra_h + 1, extra_w + 1)``."""
    kh, kw = kernel.shape
    return kh + extra_h, kw + extra_w


def ramp_image(shape, a: float, b: float, c: float = 0.0) -> torch.Tensor:
    """The linear ramp ``f(i, j) = a*i + b*j + c``."""
    i, j = grid(shape)
    return a * i + b * j + c


def polynomial_in_x(shape, coefficients, offset: float = 0.0) -> torch.Tensor:
    """``f(i, j) = sum_m coefficients[m] * x**m`` with ``x = j - offset`` (varies along the width)."""
    _, j = grid(shape)
    x = j - offset
    return sum(c * x**m for m, c in enumerate(coefficients))


def random_values(count: int, seed: int) -> torch.Tensor:
    """Seeded standard-normal float64 values (drawn on the CPU, like ``convkit.grading.data``)."""
    return torch.randn(count, generator=generator(seed), dtype=F64)


def profile(kind: str, length: int, seed: int, position: float = 0.5) -> torch.Tensor:
    """A 1-D edge profile ``g(t)``, ``t = 0 .. length-1``, to spread over an image.

    ``step``: a jump at ``position`` (a fraction of the length); ``stripe``: a 2-sample bar
    there (like the line of ``torch.eye``); ``random``: independent values (edges
    everywhere); ``ramp``: a smooth slope.
    """
    t = torch.arange(length, dtype=F64)
    at = int(position * (length - 1))
    height = 1.0 + random_values(1, seed).abs().item()
    if kind == "step":
        return height * (t >= at).to(F64) - 0.5
    if kind == "stripe":
        return height * ((t >= at) & (t < at + 2)).to(F64)
    if kind == "random":
        return random_values(length, seed)
    if kind == "ramp":
        return height * t + 0.25
    raise ValueError(kind)


# ----------------------------------------------------------------------------- responses
def correlate(kernel: Kernel, X: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """The kernel's response on ``X`` (reference corr2d, float64) and the allowed error."""
    K = kernel.values
    Y = ref.corr2d(X, K)
    magnitude = ref.corr2d(X.abs(), K.abs())
    return Y, tolerance(kernel.dtype, K.numel(), magnitude)


def responds(kernel: Kernel, X: torch.Tensor) -> bool:
    """Somewhere the response on ``X`` is clearly nonzero: beyond rounding, and beyond a
    millionth of the response the kernel would give if nothing cancelled."""
    K = kernel.values
    Y, allowed = correlate(kernel, X)
    floor = 1e-6 * ref.corr2d(X.abs(), K.abs())
    return bool((Y.abs() > torch.maximum(allowed, floor)).any())


def applied(kernel: Kernel, image):
    """The 'what was called' line of a response check."""
    return message("conv_layer.kernels.applied", call=kernel.call, shape=kernel.shape, image=image)


def check_response(kernel: Kernel, X: torch.Tensor, expected, *, image, expected_text, hint=None,
                   slack: float = 0.0, mistakes=()) -> torch.Tensor:
    """The response on ``X`` equals ``expected`` (a tensor or a number) everywhere, within
    the rounding allowance plus ``slack`` (for expected values that are estimates).
    ``mistakes`` are named mistakes the grader established for this kernel (Messages)."""
    Y, allowed = correlate(kernel, X)
    allowed = allowed + slack
    expected = torch.as_tensor(expected, dtype=F64).expand_as(Y)
    bad = ~((Y - expected).abs() <= allowed)
    if bool(bad.any()):
        fail(applied(kernel, image), expected_text, mismatch_text(Y, expected, allowed, bad), hint,
             mistakes=mistakes)
    return Y


def check_silent(kernel: Kernel, X: torch.Tensor, *, image, hint=None, mistakes=()) -> None:
    check_response(kernel, X, 0.0, image=image, expected_text=message("conv_layer.kernels.expected.silent"),
                   hint=hint, mistakes=mistakes)


def mismatch_text(Y, expected, allowed, bad):
    """Where the response is wrong, and what it looks like (zero, a multiple of the expected
    response, a constant, not constant), which usually names the mistake."""
    count, total = int(bad.sum()), bad.numel()
    error = torch.nan_to_num((Y - expected).abs(), nan=float("inf"))
    where = [int(k) for k in torch.unravel_index(error.argmax(), error.shape)]
    return message("conv_layer.kernels.got.mismatch", count=count, total=total, error=f"{float(error.max()):.3g}",
                   where=str(where), looks=shape_of_response(Y, expected, allowed))


def shape_of_response(Y, expected, allowed):
    if bool((Y.abs() <= allowed).all()):
        return message("conv_layer.kernels.got.zero")
    energy = float((expected * expected).sum())
    if energy > 0:
        ratio = float((Y * expected).sum()) / energy
        if bool(((Y - ratio * expected).abs() <= allowed + 1e-9 * Y.abs().max()).all()):
            return message("conv_layer.kernels.got.multiple", ratio=f"{ratio:.4g}")
    if float(Y.max() - Y.min()) <= float(allowed.max()):
        return message("conv_layer.kernels.got.constant", value=f"{float(Y.mean()):.4g}")
    return message("conv_layer.kernels.got.changes")
