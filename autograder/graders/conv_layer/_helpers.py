"""Helpers shared by the conv_layer graders of ``corr2d``, ``Conv2D``, ``learn_kernel``,
``convolve2d`` and ``corr2d_matmul``.

Three kinds of help live here:

* expected values: the float64 reference and the magnitude that scales the tolerance
  (``convkit.grading.checks.tolerance``), and the "output height should be ..." hint;
* known mistakes of the corr2d family (a flipped or transposed kernel, a range one short,
  code that assumes a contiguous input), each with the output it gives on the test's
  inputs, so that a wrong answer is told which mistake it equals;
* student modules: a ``Conv2D`` cannot leave the sandbox, so graders run small probes
  next to it (``student.run``) that build or receive a module, set or read its
  parameters, and send back plain tensors. The probes never raise for a *missing* or
  misshapen parameter: they report what they found, so the grader can say exactly what is
  wrong instead of forwarding an ``AttributeError`` from grader code.

Imported by the grader modules as ``autograder.graders.conv_layer._helpers`` (the kit's
root is on ``sys.path`` in every grading process), so its name cannot clash with another
package's helper.
"""
from __future__ import annotations

import math

import torch

import reference.conv_layer as ref
from convkit.grading.checks import (
    allocation_mistakes,
    leaves,
    check_close,
    check_device,
    check_dtype,
    check_tensor,
    coarser,
    device_safe_call,
    fail,
    raised,
)
from convkit.grading.data import on, random_tensor
from convkit.grading.texts import call_text, describe_result
from convkit.messages import message
from convkit.sandbox.client import StudentError
from convkit.sandbox.codec import Handle

# ----------------------------------------------------------------------------- values

#: (X shape, K shape) for the corr2d family: 1×1 and full-size kernels, non-square
#: everything, single rows and columns.
CORRELATION_SHAPES = [
    ((6, 8), (1, 2)),
    ((5, 5), (1, 1)),
    ((4, 7), (4, 7)),
    ((7, 4), (3, 2)),
    ((9, 6), (2, 5)),
    ((1, 5), (1, 3)),
    ((8, 3), (5, 1)),
]


#: A case of the corr2d family given a non-contiguous image: X is ``A.t()`` for a contiguous
#: ``A`` of shape (w, h) (d2l's exercise applies corr2d to ``X.t()``). Code that reads X's
#: memory as if it were laid out row by row (``as_strided`` with ``(w, 1)`` strides,
#: ``.view``) gets other values; graders pass it to the sandbox as it is (not a copy).
TRANSPOSED_CASE = ((5, 7), (2, 3))


def shape_hint(x_shape, k_shape):
    """The arithmetic of a 'valid' output shape, spelled out for the student."""
    (h, w), (kh, kw) = x_shape, k_shape
    return message("conv_layer.hint.valid_shape", h=h, kh=kh, oh=h - kh + 1, w=w, kw=kw, ow=w - kw + 1)


def transposed_image(x_shape, seed: int, device="cpu", dtype=torch.float32):
    """``X = A.t()``: an image of ``x_shape`` that is not contiguous in memory."""
    h, w = x_shape
    A = random_tensor((w, h), seed=seed, dtype=dtype, device=device)
    return A.t()


def correlation_mistakes(X, K, reference=None):
    """Known mistakes of a corr2d-like function of (X, K) and the output each gives, as
    ``check_close`` takes them: a flipped kernel, a transposed kernel, and (for a
    non-contiguous X) reading X's memory as if it were contiguous."""
    reference = reference or ref.corr2d
    X64, K64 = as64(X, K)
    mistakes = [(message("mistake.flipped_kernel"), lambda: reference(X64, K64.flip(0, 1)))]
    if K64.shape[0] == K64.shape[1]:
        mistakes.append((message("mistake.transposed_kernel"), lambda: reference(X64, K64.T)))
    if not X.is_contiguous():
        memory = X64.t().contiguous().reshape(X64.shape) if X.dim() == 2 else None
        mistakes.append((message("mistake.assumes_contiguous"), lambda: reference(memory, K64)))
    return mistakes


def size_mistakes(x_shape, k_shape):
    """Output shapes of the classic range mistakes, as ``check_tensor`` takes them."""
    (h, w), (kh, kw) = x_shape, k_shape
    swapped = [(message("mistake.kernel_axes_swapped"), (h - kw + 1, w - kh + 1))] if kh != kw else []
    return [(message("mistake.range_one_short"), (h - kh, w - kw)),
            (message("mistake.range_one_long"), (h - kh + 2, w - kw + 2)),
            (message("mistake.input_size_output"), (h, w)), *swapped]


def as64(*tensors):
    """float64 CPU copies: every expected value is computed from these."""
    moved = tuple(t.detach().to("cpu", torch.float64) for t in tensors)
    return moved if len(moved) != 1 else moved[0]


def corr2d_expected(X, K):
    """``corr2d(X, K)`` in float64 and its magnitude ``corr2d(|X|, |K|)`` (tolerance scale)."""
    X64, K64 = as64(X, K)
    return ref.corr2d(X64, K64), ref.corr2d(X64.abs(), K64.abs())


# ----------------------------------------------------------------------------- errors on other devices


def _on_cpu(value, dtype=None):
    """A CPU stand-in for an argument (meta tensors have no data: ones of their shape),
    optionally cast to ``dtype``."""
    if not isinstance(value, torch.Tensor):
        return value
    if value.device.type == "meta":
        return torch.ones(value.shape, dtype=dtype or value.dtype)
    return value.to("cpu", dtype or value.dtype)


# ----------------------------------------------------------------------------- modules

#: Hint for code that breaks when the module or its input is not a CPU float32 tensor.
MODULE_DEVICE_HINT = message("conv_layer.hint.module_device")

#: Build a Conv2D (converted by ``convert``: None, "double", or a device), give it the
#: grader's parameters, run it on ``x`` and, when ``grad_out`` is given, back-propagate
#: ``(y * grad_out).sum()`` through it. Reports the parameter shapes it found (and which
#: are registered parameters) instead of failing when weight or bias is missing or
#: misshapen; without a usable weight, or with a parameter that the conversion left on
#: another device or dtype than ``x``, it does not run the module (the grader then explains
#: what is wrong).
FORWARD_PROBE = """
net = Conv2D(kernel_size)
if convert == "double":
    net = net.double()
elif convert is not None:
    net = net.to(convert)
found = {n: tuple(getattr(net, n).shape) for n in ("weight", "bias")
         if isinstance(getattr(net, n, None), torch.Tensor)}
placed = {n: (getattr(net, n).device.type, str(getattr(net, n).dtype).replace("torch.", "")) for n in found}
registered = sorted(n for n, _ in net.named_parameters()) if isinstance(net, nn.Module) else []
result = {"found": found, "placed": placed, "registered": registered}
wanted = (x.device.type, str(x.dtype).replace("torch.", ""))
if found.get("weight") == tuple(weight.shape) and all(p == wanted for p in placed.values()):
    with torch.no_grad():
        net.weight.copy_(weight)
        if "bias" in found and net.bias.numel() == 1:
            net.bias.copy_(bias.reshape(net.bias.shape))
    y = net(x)
    result["y"] = y
    if grad_out is not None and isinstance(y, torch.Tensor) and tuple(y.shape) == tuple(grad_out.shape):
        for n in found:
            getattr(net, n).grad = None
        if y.requires_grad:
            (y * grad_out).sum().backward()
        result.update({n + "_grad": getattr(net, n).grad for n in found})
"""


def conversion_text(convert) -> str:
    """How a conversion is written in code: ``net.double()``, ``net.to('meta')``; '' for none."""
    return "" if convert is None else "net.double()" if convert == "double" else f"net.to({convert!r})"


def run_conv2d(student, kernel_size, x, weight, bias, *, convert=None, grad_out=None, call: str,
               needs=("weight", "bias")):
    """Run :data:`FORWARD_PROBE`; fail with a lesson if a parameter in ``needs`` is unusable.

    Returns the probe's dict: ``y`` and, with ``grad_out``, ``weight_grad`` / ``bias_grad``.
    With ``convert`` (``"double"`` or a device), an error that the unconverted module does
    not raise on the CPU is read as a dtype/device lesson; any other error passes on as is.
    """
    inputs = dict(kernel_size=tuple(kernel_size), x=x, weight=weight, bias=bias, grad_out=grad_out)
    try:
        probe = student.run(FORWARD_PROBE, call=call, convert=convert, **inputs)
    except StudentError as error:
        if convert is None:
            raise
        try:
            student.run(FORWARD_PROBE, call=call, convert=None, **{k: _on_cpu(v, torch.float32)
                                                                     for k, v in inputs.items()})
        except StudentError:
            raise error from None
        want = "dtype" if convert == "double" else "device"
        fail(call, message("conv_layer.expected.output_after", conversion=conversion_text(convert)), raised(error),
             MODULE_DEVICE_HINT, kind=want, mistakes=allocation_mistakes(student, ["Conv2D"], want))
    check_parameter_shapes(probe["found"], kernel_size, call, needs)
    check_placement(probe["placed"], probe.get("registered", []), x, convert, call)
    return probe


def check_placement(placed: dict, registered, x, convert, call: str) -> None:
    """Every tensor attribute followed the module's conversion to x's device and dtype.

    The hint names what really happened: a plain tensor attribute that ``.to()`` /
    ``.double()`` did not convert, or a parameter created in another dtype than the default.
    """
    device, dtype = x.device.type, str(x.dtype).replace("torch.", "")
    misplaced = {name: where for name, where in sorted(placed.items()) if where != (device, dtype)}
    for name, (got_device, got_dtype) in misplaced.items():
        expected = message("conv_layer.expected.placed", name=name, device=device, dtype=dtype) if convert is None \
            else message("conv_layer.expected.placed_after", name=name, device=device, dtype=dtype,
                         conversion=conversion_text(convert))
        got = message("conv_layer.got.placed", name=name, device=got_device, dtype=got_dtype)
        alike = ", ".join(f"self.{n}" for n, where in misplaced.items()
                          if where == (got_device, got_dtype) and (n in registered) == (name in registered))
        if convert is not None and name not in registered:
            mistake = message("conv_layer.mistake.plain_tensor_not_converted", names=alike,
                              conversion=conversion_text(convert))
        elif got_dtype != dtype:
            mistake = message("conv_layer.mistake.parameter_dtype", names=alike, dtype=got_dtype)
        else:
            mistake = message("conv_layer.mistake.parameter_device", names=alike, device=got_device)
        fail(call, expected, got, MODULE_DEVICE_HINT, mistakes=[mistake],
             kind="dtype" if got_dtype != dtype else "device")


def check_parameter_shapes(found: dict, kernel_size, call: str, needs=("weight", "bias")) -> None:
    """``weight`` of shape ``kernel_size`` and (if needed) a one-element ``bias`` exist as tensors."""
    if "weight" not in found:
        fail(call, message("conv_layer.expected.attribute", name="weight"),
             message("conv_layer.got.no_attribute", name="weight"), message("conv_layer.hint.create_weight"),
             kind="type")
    if tuple(found["weight"]) != tuple(kernel_size):
        fail(call, message("conv_layer.expected.weight_shape", shape=tuple(kernel_size)),
             message("check.shape", shape=tuple(found["weight"])), message("conv_layer.hint.weight_shape"),
             mistakes=[message("conv_layer.mistake.weight_transposed")]
             if tuple(found["weight"]) == tuple(kernel_size)[::-1] else [], kind="shape")
    if "bias" not in needs:
        return
    if "bias" not in found:
        fail(call, message("conv_layer.expected.attribute", name="bias"),
             message("conv_layer.got.no_attribute", name="bias"), message("conv_layer.hint.create_bias"),
             mistakes=[message("conv_layer.mistake.no_bias")], kind="type")
    if math.prod(found["bias"]) != 1:
        fail(call, message("conv_layer.expected.one_bias"), message("check.shape", shape=tuple(found["bias"])),
             message("conv_layer.hint.one_bias"), kind="shape")


#: Read a module's weight and bias (detached copies), or report what it has instead.
READ_PROBE = """
found = {n: getattr(net, n, None) for n in ("weight", "bias")}
result = {n: (v.detach().clone() if isinstance(v, torch.Tensor) else None) for n, v in found.items()}
"""


def read_parameters(student, net, call: str):
    """``(weight, bias)`` of a student module ``net`` (a :class:`Handle`), as tensors.

    Fails with feedback when ``net`` is not a module or lacks tensor ``weight`` / ``bias``.
    """
    check_is_conv2d(net, call)
    got = student.run(READ_PROBE, call=call, net=net)
    for name in ("weight", "bias"):
        if got[name] is None:
            fail(call, message("conv_layer.expected.attribute", name=name),
                 message("conv_layer.got.module_without", type=net.type_name, name=name),
                 message("conv_layer.hint.return_conv2d_itself"), kind="type")
    return got["weight"], got["bias"]


def check_is_conv2d(net, call: str) -> None:
    """``net`` is an instance of the student's ``Conv2D`` (or of a subclass of it)."""
    if not isinstance(net, Handle):
        mistakes = [message("conv_layer.mistake.returned_weight")] if isinstance(net, torch.Tensor) else []
        fail(call, message("conv_layer.expected.trained_module"), describe_result(net),
             message("conv_layer.hint.return_module"), mistakes=mistakes, kind="type")
    if "Conv2D" not in net.bases:
        fail(call, message("conv_layer.expected.conv2d_instance"),
             message("result.described", description=f"{net.type_name} object"),
             message("conv_layer.hint.fresh_conv2d"), kind="type")


def check_keeps_dtype(student, name: str, X, K, expected, *, terms: int, magnitude, hint=None, mistakes=None):
    """``name(X, K)`` of floating inputs gives right values (within the rounding of the coarser
    of the result's and the inputs' dtype) *and* keeps their dtype: the dtype point is earned
    only by right values, and a right answer in the wrong dtype is told about its dtype."""
    call = call_text(name, X=X, K=K)
    got = student.call(name, X, K)
    precision = coarser(got.dtype, X.dtype) if isinstance(got, torch.Tensor) else None
    check_close(got, expected, call, terms=terms, magnitude=magnitude, hint=hint,
                shape_hint=shape_hint(X.shape, K.shape), shape_mistakes=size_mistakes(X.shape, K.shape),
                mistakes=correlation_mistakes(X, K) if mistakes is None else mistakes, precision=precision)
    check_dtype(got, X.dtype, call, mistakes=leaves(student, [name], "dtype"))
    return got


def check_keeps_device(student, name: str, device, seeds, hint=None, reference=ref.corr2d,
                       mistakes=correlation_mistakes) -> None:
    """``name(X, K)`` on ``device`` (meta, or cuda) returns a result there, in X's dtype.

    The device-safety point of every corr2d-like question: d2l's ``torch.zeros(...)``
    allocation lands on the CPU and fails here, with a hint naming the line that does it.
    The point is earned only by code whose values are right: the same call on the CPU is
    checked first (``meta`` tensors have no values to compare), against ``reference``, with
    ``mistakes(X, K)`` the known mistakes to name.
    """
    X, K = random_tensor((6, 7), seed=seeds[0]), random_tensor((3, 2), seed=seeds[1])
    X64, K64 = as64(X, K)
    check_close(student.call(name, X, K), reference(X64, K64), call_text(name, X=X, K=K), terms=K.numel(),
                magnitude=ref.corr2d(X64.abs(), K64.abs()), hint=hint, shape_hint=shape_hint(X.shape, K.shape),
                shape_mistakes=size_mistakes(X.shape, K.shape), mistakes=mistakes(X, K))
    X, K = on(device, X, K)
    call = call_text(name, X=X, K=K)
    off_device = leaves(student, [name], "device")
    got = check_tensor(device_safe_call(student, name, X, K, call=call, mistakes=off_device), call, shape=(4, 6),
                       hint=shape_hint((6, 7), (3, 2)))
    check_device(got, device, call, mistakes=off_device)
    check_dtype(got, X.dtype, call, mistakes=leaves(student, [name], "dtype"))
