"""Helpers shared by the conv_layer graders of ``corr2d``, ``Conv2D``, ``learn_kernel``,
``convolve2d`` and ``corr2d_matmul``.

Two kinds of help live here:

* expected values: the float64 reference and the magnitude that scales the tolerance
  (``convkit.grading.checks.tolerance``), and the "output height should be ..." hint;
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

import torch

import reference.conv_layer as ref
from convkit.grading.checks import check_device, check_dtype, check_tensor, device_safe_call, fail
from convkit.grading.data import on, random_tensor
from convkit.grading.texts import call_text, describe_result
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


def shape_hint(x_shape, k_shape) -> str:
    """The arithmetic of a 'valid' output shape, spelled out for the student."""
    (h, w), (kh, kw) = x_shape, k_shape
    return (f"output height should be {h} - {kh} + 1 = {h - kh + 1} "
            f"and width {w} - {kw} + 1 = {w - kw + 1}")


def as64(*tensors):
    """float64 CPU copies: every expected value is computed from these."""
    moved = tuple(t.detach().to("cpu", torch.float64) for t in tensors)
    return moved if len(moved) != 1 else moved[0]


def corr2d_expected(X, K):
    """``corr2d(X, K)`` in float64 and its magnitude ``corr2d(|X|, |K|)`` (tolerance scale)."""
    X64, K64 = as64(X, K)
    return ref.corr2d(X64, K64), ref.corr2d(X64.abs(), K64.abs())


# ----------------------------------------------------------------------------- errors on other devices


def error_as_lesson(error: StudentError, call: str, expected: str, hint: str) -> None:
    """A crash on a non-CPU device (or after a dtype change) read as the lesson it teaches."""
    where = f" (at {error.where})" if error.where else ""
    fail(call, expected, f"{error.type_name}: {error.message[:160]}{where}", hint)


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
MODULE_DEVICE_HINT = ("keep weight and bias as nn.Parameter (so .to() and .double() convert them) and "
                      "let corr2d create its result on X's device with X's dtype, e.g. "
                      "torch.zeros(shape, device=X.device, dtype=X.dtype), or build it from operations on X and K")

#: Build a Conv2D (converted by ``convert``: None, "double", or a device), give it the
#: grader's parameters, run it on ``x`` and, when ``grad_out`` is given, back-propagate
#: ``(y * grad_out).sum()`` through it. Reports the parameter shapes it found instead of
#: failing when weight or bias is missing or misshapen; without a usable weight, or with a
#: parameter that the conversion left on another device or dtype than ``x``, it does not
#: run the module (the grader then explains what is wrong).
FORWARD_PROBE = """
net = Conv2D(kernel_size)
if convert == "double":
    net = net.double()
elif convert is not None:
    net = net.to(convert)
found = {n: tuple(getattr(net, n).shape) for n in ("weight", "bias")
         if isinstance(getattr(net, n, None), torch.Tensor)}
placed = {n: (getattr(net, n).device.type, str(getattr(net, n).dtype).replace("torch.", "")) for n in found}
result = {"found": found, "placed": placed}
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
        target = "float64 after net.double()" if convert == "double" else f"on {convert} after net.to({convert!r})"
        error_as_lesson(error, call, f"an output {target}", MODULE_DEVICE_HINT)
    check_parameter_shapes(probe["found"], kernel_size, call, needs)
    check_placement(probe["placed"], x, convert, call)
    return probe


def check_placement(placed: dict, x, convert, call: str) -> None:
    """Every tensor attribute followed the module's conversion to x's device and dtype."""
    device, dtype = x.device.type, str(x.dtype).replace("torch.", "")
    for name, (got_device, got_dtype) in sorted(placed.items()):
        if (got_device, got_dtype) != (device, dtype):
            after = "" if not convert else " after net.double()" if convert == "double" else f" after net.to({convert!r})"
            fail(call, f"self.{name} on {device} in {dtype}{after}, like the input",
                 f"self.{name} on {got_device} in {got_dtype}",
                 ".to() and .double() convert only registered parameters: make it an nn.Parameter"
                 if convert else f"create self.{name} in the default dtype (float32), e.g. torch.rand(kernel_size)")


def check_parameter_shapes(found: dict, kernel_size, call: str, needs=("weight", "bias")) -> None:
    """``weight`` of shape ``kernel_size`` and (if needed) a one-element ``bias`` exist as tensors."""
    if "weight" not in found:
        fail(call, "a tensor attribute self.weight", "no tensor called weight on the module",
             "create it in __init__: self.weight = nn.Parameter(torch.rand(kernel_size))")
    if tuple(found["weight"]) != tuple(kernel_size):
        fail(call, f"self.weight of shape {tuple(kernel_size)} (kernel_size)", f"shape {tuple(found['weight'])}",
             "kernel_size is (height, width); create the weight with torch.rand(kernel_size)")
    if "bias" not in needs:
        return
    if "bias" not in found:
        fail(call, "a tensor attribute self.bias", "no tensor called bias on the module",
             "create it in __init__: self.bias = nn.Parameter(torch.zeros(1)), and add it in forward")
    if _numel(found["bias"]) != 1:
        fail(call, "self.bias with one element", f"shape {tuple(found['bias'])}",
             "one bias is shared by every output pixel: nn.Parameter(torch.zeros(1))")


def _numel(shape) -> int:
    count = 1
    for size in shape:
        count *= int(size)
    return count


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
            fail(call, f"a module with a tensor attribute {name}", f"a {net.type_name} without one",
                 "return the trained Conv2D itself (its parameters are called weight and bias)")
    return got["weight"], got["bias"]


def check_is_conv2d(net, call: str) -> None:
    """``net`` is an instance of the student's ``Conv2D`` (or of a subclass of it)."""
    if not isinstance(net, Handle):
        got = describe_result(net)
        hint = ("return the module (net), not its weight: the caller can read net.weight and net.bias"
                if isinstance(net, torch.Tensor) else "return the trained Conv2D module")
        fail(call, "the trained Conv2D module", got, hint)
    if "Conv2D" not in net.bases:
        fail(call, "an instance of your Conv2D class", f"a {net.type_name} object",
             "train a fresh Conv2D(kernel_size) (your class from the previous question) and return it")


def check_keeps_device(student, name: str, device, seeds) -> None:
    """``name(X, K)`` on ``device`` (meta, or cuda) returns a result there, in X's dtype.

    The device-safety point of every corr2d-like question: d2l's ``torch.zeros(...)``
    allocation lands on the CPU and fails here, with a hint on how to fix it.
    """
    X, K = on(device, random_tensor((6, 7), seed=seeds[0]), random_tensor((3, 2), seed=seeds[1]))
    call = call_text(name, X=X, K=K)
    got = check_tensor(device_safe_call(student, name, X, K, call=call), call, shape=(4, 6),
                       hint=shape_hint((6, 7), (3, 2)))
    check_device(got, device, call)
    check_dtype(got, X.dtype, call)
