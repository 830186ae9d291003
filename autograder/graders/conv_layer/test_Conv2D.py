"""Hidden grader: ``class Conv2D(nn.Module)``, d2l's hand-made convolutional layer.

``Conv2D(kernel_size)`` has parameters ``weight`` (shape ``kernel_size``) and ``bias`` (one
element); ``forward(x) = corr2d(x, weight) + bias``.

How it is judged: a probe in the sandbox builds the student's module, gives it the
grader's weight and bias (so the check does not depend on the random initialisation),
runs it, and for gradients back-propagates ``(y * g).sum()`` with a grader-chosen ``g``
through the student's own code; the results are compared with the analytic float64
values ``corr2d(x, w) + b``, ``dL/dw = corr2d(x, g)`` and ``dL/db = g.sum()``.

Points: registration, values and gradients are judged on the CPU in float32, the module's
natural state, so d2l's textbook code (whose corr2d allocates with ``torch.zeros`` on the
CPU in float32) earns them and loses only the points for ``.double()`` and for other
devices, with a hint saying why. Those points are earned only by right values (on ``meta``,
which has none, the same module on the CPU must be right). Wrong outputs are compared with
the known mistakes (a flipped kernel, a bias left out or added to the input) and wrong
gradients explained by what the probe saw (a parameter that is not one, a graph cut by
``.data``).
"""
import math

import pytest
import torch

import reference.conv_layer as ref
from autograder.graders.conv_layer._helpers import (
    MODULE_DEVICE_HINT,
    as64,
    corr2d_expected,
    run_conv2d,
    shape_hint,
    size_mistakes,
)
from convkit.grading.checks import check_close, check_device, check_dtype, check_tensor, coarser, fail, leaves
from convkit.grading.data import on, random_tensor
from convkit.messages import message

# (input shape, kernel_size): d2l's edge detector shape, non-square both ways, full size.
CASES = [
    ((6, 8), (1, 2)),
    ((5, 7), (3, 2)),
    ((7, 5), (2, 3)),
    ((4, 4), (4, 4)),
]

# Non-square so that a transposed weight shape is caught.
KERNEL_SIZES = [(1, 2), (3, 2)]

#: Inspect the module right after construction: what is registered, what is a mere attribute.
PARAMETER_PROBE = """
net = Conv2D(kernel_size)
attributes = {n: getattr(net, n, None) for n in ("weight", "bias")}
result = {
    "is_module": isinstance(net, nn.Module),
    "registered": {n: tuple(p.shape) for n, p in net.named_parameters()} if isinstance(net, nn.Module) else {},
    "attributes": {n: (type(v).__name__, tuple(v.shape) if isinstance(v, torch.Tensor) else None)
                   for n, v in attributes.items() if v is not None},
}
"""


def inputs(case: int, dtype=torch.float32, device="cpu"):
    """Seeded input, weight, bias and upstream gradient for one case."""
    x_shape, kernel_size = CASES[case]
    (h, w), (kh, kw) = x_shape, kernel_size
    x = random_tensor(x_shape, seed=300 + case, dtype=dtype, device=device)
    weight = random_tensor(kernel_size, seed=310 + case, dtype=dtype, device=device)
    bias = random_tensor((1,), seed=320 + case, dtype=dtype, device=device)
    grad_out = random_tensor((h - kh + 1, w - kw + 1), seed=330 + case, dtype=dtype, device=device)
    return kernel_size, x, weight, bias, grad_out


def probe_call(kernel_size, x, step: str = "", then=None):
    """How a probe is shown in feedback (values never appear, only shapes and the steps)."""
    shown = "×".join(str(s) for s in x.shape)
    dtype = str(x.dtype).replace("torch.", "")
    return message("conv_layer.Conv2D.call", kernel_size=tuple(kernel_size), step=step,
                   x=f"tensor {shown} {dtype} on {x.device.type}", then=then or "")


def expected_output(x, weight, bias):
    """``corr2d(x, w) + b`` in float64, with the magnitude for the tolerance."""
    value, magnitude = corr2d_expected(x, weight)
    b = as64(bias)
    return value + b, magnitude + b.abs()


def output_mistakes(x, weight, bias):
    """Known mistakes of forward and what each gives on these inputs."""
    x64, w64, b64 = as64(x, weight, bias)
    transposed = [(message("mistake.transposed_kernel"), lambda: ref.corr2d(x64, w64.T) + b64)] \
        if w64.shape[0] == w64.shape[1] else []
    return [(message("mistake.flipped_kernel"), lambda: ref.corr2d(x64, w64.flip(0, 1)) + b64), *transposed,
            (message("conv_layer.Conv2D.mistake.bias_not_added"), lambda: ref.corr2d(x64, w64)),
            (message("conv_layer.Conv2D.mistake.bias_added_to_input"), lambda: ref.corr2d(x64 + b64, w64))]


def check_output(y, x, weight, bias, call, precision=None):
    kernel_size = tuple(weight.shape)
    value, magnitude = expected_output(x, weight, bias)
    check_close(y, value, call, terms=weight.numel() + 1, magnitude=magnitude,
                shape_hint=shape_hint(x.shape, kernel_size), shape_mistakes=size_mistakes(x.shape, kernel_size),
                hint=message("conv_layer.Conv2D.rule"), mistakes=output_mistakes(x, weight, bias),
                precision=precision)


# ------------------------------------------------------------------------ parameters
@pytest.mark.points(2)
@pytest.mark.parametrize("name", ["weight", "bias"])
@pytest.mark.parametrize("kernel_size", KERNEL_SIZES)
def test_parameter_registered(student, name, kernel_size):
    """weight and bias are nn.Parameters: net.parameters(), .to() and optimisers see them."""
    call = f"Conv2D({kernel_size}).named_parameters()"
    got = student.run(PARAMETER_PROBE, call=f"Conv2D({kernel_size})", kernel_size=kernel_size)
    if not got["is_module"]:
        fail(call, message("conv_layer.Conv2D.expected.module"), message("conv_layer.Conv2D.got.not_module"),
             message("conv_layer.Conv2D.hint.subclass_module"), kind="type")
    registered, attributes = got["registered"], got["attributes"]
    if name not in registered:
        if name in attributes:
            kind, _ = attributes[name]
            fail(call, message("conv_layer.Conv2D.expected.parameter", name=name),
                 message("conv_layer.Conv2D.got.plain_attribute", name=name, kind=kind),
                 message("conv_layer.Conv2D.hint.wrap_parameter", name=name),
                 mistakes=[message("conv_layer.Conv2D.mistake.not_registered", name=name, kind=kind)], kind="type")
        fail(call, message("conv_layer.Conv2D.expected.parameter", name=name),
             message("conv_layer.Conv2D.got.parameters", names=str(sorted(registered) or "none")),
             message("conv_layer.Conv2D.hint.create_parameter", name=name),
             mistakes=[message("conv_layer.mistake.no_bias")] if name == "bias" else [], kind="type")
    shape = tuple(registered[name])
    if name == "weight" and shape != tuple(kernel_size):
        fail(call, message("conv_layer.expected.weight_shape", shape=tuple(kernel_size)),
             message("check.shape", shape=shape), message("conv_layer.hint.weight_shape"),
             mistakes=[message("conv_layer.mistake.weight_transposed")] if shape == tuple(kernel_size)[::-1] else [],
             kind="shape")
    if name == "bias" and math.prod(shape) != 1:
        fail(call, message("conv_layer.expected.one_bias"), message("check.shape", shape=shape),
             message("conv_layer.hint.one_bias"), kind="shape")


# ------------------------------------------------------------------------ values and gradients
@pytest.mark.points(2)
@pytest.mark.parametrize("case", range(len(CASES)))
def test_forward_values(student, case):
    kernel_size, x, weight, bias, _ = inputs(case)
    call = probe_call(kernel_size, x)
    probe = run_conv2d(student, kernel_size, x, weight, bias, call=call)
    check_output(probe["y"], x, weight, bias, call)


@pytest.mark.points(2)
@pytest.mark.parametrize("name", ["weight", "bias"])
@pytest.mark.parametrize("case", [0, 2])
def test_gradient(student, name, case):
    """Autograd through the student's forward gives dL/dw = corr2d(x, g) and dL/db = g.sum()."""
    kernel_size, x, weight, bias, grad_out = inputs(case)
    call = probe_call(kernel_size, x, then=message("conv_layer.Conv2D.then_backward", name=name))
    probe = run_conv2d(student, kernel_size, x, weight, bias, grad_out=grad_out, call=call, needs=(name,))
    check_tensor(probe["y"], call, shape=grad_out.shape, hint=shape_hint(x.shape, kernel_size),
                 shape_mistakes=size_mistakes(x.shape, kernel_size))
    got = probe.get(f"{name}_grad")
    if got is None:
        fail(call, message("conv_layer.Conv2D.expected.gradient", name=name), "None",
             message("conv_layer.Conv2D.hint.gradient_none", name=name),
             mistakes=[why_no_gradient(probe, name, x, weight, bias)], kind="values")
    x64, g64 = as64(x, grad_out)
    if name == "weight":
        expected = ref.corr2d(x64, g64)
        b64 = as64(bias)
        check_close(got, expected, call, terms=g64.numel(), magnitude=ref.corr2d(x64.abs(), g64.abs()),
                    hint=message("conv_layer.Conv2D.hint.weight_gradient"),
                    mistakes=[(message("mistake.flipped_kernel"), lambda: ref.corr2d(x64, g64).flip(0, 1)),
                              (message("conv_layer.Conv2D.mistake.bias_added_to_input"),
                               lambda: ref.corr2d(x64 + b64, g64))])
    else:
        check_tensor(got, call, hint=message("conv_layer.Conv2D.hint.bias_gradient_shape"))
        w64 = as64(weight)
        check_close(got.reshape(-1)[:1] if got.numel() else got, g64.sum().reshape(1), call, terms=g64.numel(),
                    magnitude=g64.abs().sum().reshape(1), hint=message("conv_layer.Conv2D.hint.bias_gradient"),
                    mistakes=[(message("conv_layer.Conv2D.mistake.bias_added_to_input"),
                               lambda: (g64.sum() * w64.sum()).reshape(1))])


def why_no_gradient(probe, name, x, weight, bias):
    """The named reason a parameter got no gradient, from what the probe saw."""
    y = probe.get("y")
    x64, w64 = as64(x, weight)
    if name == "bias" and isinstance(y, torch.Tensor) and y.device.type != "meta" and \
            tuple(y.shape) == tuple(ref.corr2d(x64, w64).shape) and \
            torch.allclose(as64(y), ref.corr2d(x64, w64), rtol=1e-4, atol=1e-4):
        return message("conv_layer.Conv2D.mistake.bias_not_added")
    if name not in probe.get("registered", []):
        return message("conv_layer.Conv2D.mistake.not_registered", name=name, kind="Tensor")
    return message("conv_layer.Conv2D.mistake.graph_cut", name=name)


# ------------------------------------------------------------------------ dtype and device
@pytest.mark.points(1)
def test_double(student):
    """After net.double() the layer computes in float64 (outputs and full float64 accuracy).

    Values first (at float32 accuracy, so a float32 output is told about its dtype), then the
    dtype, then full float64 accuracy."""
    kernel_size, x, weight, bias, _ = inputs(1, dtype=torch.float64)
    call = probe_call(kernel_size, x, ".double()")
    probe = run_conv2d(student, kernel_size, x, weight, bias, convert="double", call=call)
    y = check_tensor(probe["y"], call)
    check_output(y, x, weight, bias, call, precision=coarser(y.dtype, torch.float32))
    check_dtype(y, torch.float64, call, hint=MODULE_DEVICE_HINT,
                mistakes=leaves(student, ["Conv2D"], "dtype"))
    check_output(y, x, weight, bias, call)


@pytest.mark.points(1)
def test_to_device(student, device):
    """net.to(device) moves the parameters, and the layer computes on that device."""
    kernel_size, x, weight, bias, _ = inputs(2, device=device)
    call = probe_call(kernel_size, x, f".to('{device}')")
    probe = run_conv2d(student, kernel_size, x, weight, bias, convert=device, call=call)
    check_output(probe["y"], x, weight, bias, call)
    check_device(probe["y"], device, call, hint=MODULE_DEVICE_HINT,
                 mistakes=leaves(student, ["Conv2D"], "device"))


@pytest.mark.points(1)
def test_device_safe(student, safe_device):
    """On meta (a CPU-only stand-in for a GPU) code that creates tensors on the CPU fails.

    The point is earned only by a module whose output is right: the same module on the CPU
    is checked first (meta tensors have no values)."""
    kernel_size, x, weight, bias, _ = inputs(0)
    probe = run_conv2d(student, kernel_size, x, weight, bias, call=probe_call(kernel_size, x))
    check_output(probe["y"], x, weight, bias, probe_call(kernel_size, x))
    x, weight, bias = on(safe_device, x, weight, bias)
    call = probe_call(kernel_size, x, f".to('{safe_device}')")
    probe = run_conv2d(student, kernel_size, x, weight, bias, convert=safe_device, call=call, needs=("weight",))
    (h, w), (kh, kw) = x.shape, kernel_size
    y = check_tensor(probe["y"], call, shape=(h - kh + 1, w - kw + 1), hint=shape_hint(x.shape, kernel_size))
    off_device = leaves(student, ["Conv2D"], "device")
    check_device(y, safe_device, call, hint=MODULE_DEVICE_HINT, mistakes=off_device)
    check_dtype(y, x.dtype, call, hint=MODULE_DEVICE_HINT, mistakes=leaves(student, ["Conv2D"], "dtype"))
