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
devices, with a hint saying why.
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
)
from convkit.grading.checks import check_close, check_device, check_dtype, check_tensor, fail
from convkit.grading.data import on, random_tensor

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


def probe_call(kernel_size, x, step: str = "") -> str:
    """How a probe is shown in feedback (values never appear, only shapes and the steps)."""
    shown = "×".join(str(s) for s in x.shape)
    dtype = str(x.dtype).replace("torch.", "")
    return (f"net = Conv2D({tuple(kernel_size)}){step}; weight and bias set by the grader; "
            f"net(x) with x: tensor {shown} {dtype} on {x.device.type}")


def expected_output(x, weight, bias):
    """``corr2d(x, w) + b`` in float64, with the magnitude for the tolerance."""
    value, magnitude = corr2d_expected(x, weight)
    b = as64(bias)
    return value + b, magnitude + b.abs()


def check_output(y, x, weight, bias, call: str, hint: str = ""):
    kernel_size = tuple(weight.shape)
    value, magnitude = expected_output(x, weight, bias)
    check_close(y, value, call, terms=weight.numel() + 1, magnitude=magnitude,
                shape_hint=shape_hint(x.shape, kernel_size),
                hint=hint or "forward(x) is corr2d(x, self.weight) + self.bias (do not flip the kernel)")


# ------------------------------------------------------------------------ parameters
@pytest.mark.points(2)
@pytest.mark.parametrize("name", ["weight", "bias"])
@pytest.mark.parametrize("kernel_size", KERNEL_SIZES)
def test_parameter_registered(student, name, kernel_size):
    """weight and bias are nn.Parameters: net.parameters(), .to() and optimisers see them."""
    call = f"Conv2D({kernel_size}).named_parameters()"
    got = student.run(PARAMETER_PROBE, call=f"Conv2D({kernel_size})", kernel_size=kernel_size)
    if not got["is_module"]:
        fail(call, "an nn.Module", "an object that is not an nn.Module",
             "declare class Conv2D(nn.Module) and call super().__init__() first")
    registered, attributes = got["registered"], got["attributes"]
    if name not in registered:
        if name in attributes:
            kind, _ = attributes[name]
            fail(call, f"a parameter called {name}", f"self.{name} is a plain {kind}, not a registered parameter",
                 f"wrap it: self.{name} = nn.Parameter(...); a plain tensor is invisible to net.parameters(), "
                 f".to(device), .double() and optimisers")
        fail(call, f"a parameter called {name}", f"parameters {sorted(registered) or 'none'}",
             f"create self.{name} = nn.Parameter(...) in __init__")
    shape = tuple(registered[name])
    if name == "weight" and shape != tuple(kernel_size):
        fail(call, f"weight of shape {tuple(kernel_size)} (kernel_size)", f"weight of shape {shape}",
             "kernel_size is (height, width): torch.rand(kernel_size) has exactly that shape")
    if name == "bias" and math.prod(shape) != 1:
        fail(call, "a bias with one element (shape (1,))", f"a bias of shape {shape}",
             "one bias is shared by every output pixel: nn.Parameter(torch.zeros(1))")


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
    call = probe_call(kernel_size, x) + f"; then (net(x) * g).sum().backward(), net.{name}.grad"
    probe = run_conv2d(student, kernel_size, x, weight, bias, grad_out=grad_out, call=call, needs=(name,))
    check_tensor(probe["y"], call, shape=grad_out.shape, hint=shape_hint(x.shape, kernel_size))
    got = probe.get(f"{name}_grad")
    if got is None:
        fail(call, f"a gradient in net.{name}.grad", "None",
             f"forward must compute with self.{name} itself (not .data, .detach() or a copy), and "
             f"self.{name} must be an nn.Parameter (requires_grad=True)")
    x64, g64 = as64(x, grad_out)
    if name == "weight":
        expected = ref.corr2d(x64, g64)
        check_close(got, expected, call, terms=g64.numel(), magnitude=ref.corr2d(x64.abs(), g64.abs()),
                    hint="dL/dweight[a, b] = sum over outputs of g[i, j] * x[i+a, j+b]; "
                         "a wrong gradient means forward does not compute corr2d(x, weight) + bias")
    else:
        check_tensor(got, call, hint="the bias gradient has the bias's shape")
        check_close(got.reshape(1), g64.sum().reshape(1), call, terms=g64.numel(),
                    magnitude=g64.abs().sum().reshape(1),
                    hint="the bias is added once to every output, so dL/dbias = g.sum()")


# ------------------------------------------------------------------------ dtype and device
@pytest.mark.points(1)
def test_double(student):
    """After net.double() the layer computes in float64 (outputs and full float64 accuracy)."""
    kernel_size, x, weight, bias, _ = inputs(1, dtype=torch.float64)
    call = probe_call(kernel_size, x, ".double()")
    probe = run_conv2d(student, kernel_size, x, weight, bias, convert="double", call=call)
    y = check_tensor(probe["y"], call)
    check_dtype(y, torch.float64, call, hint="after net.double() the output must be float64: " + MODULE_DEVICE_HINT)
    check_output(y.float(), x, weight, bias, call)  # right values at all (float32 accuracy)?
    check_output(y, x, weight, bias, call,
                 hint="the output has only float32 accuracy: some tensor in forward or corr2d is still float32 "
                      "(torch.zeros(...) without dtype=X.dtype, or a bias that .double() did not convert)")


@pytest.mark.points(1)
def test_to_device(student, device):
    """net.to(device) moves the parameters, and the layer computes on that device."""
    kernel_size, x, weight, bias, _ = inputs(2, device=device)
    call = probe_call(kernel_size, x, f".to('{device}')")
    probe = run_conv2d(student, kernel_size, x, weight, bias, convert=device, call=call)
    check_output(probe["y"], x, weight, bias, call)
    check_device(probe["y"], device, call, hint=MODULE_DEVICE_HINT)


@pytest.mark.points(1)
def test_device_safe(student, safe_device):
    """On meta (a CPU-only stand-in for a GPU) code that creates tensors on the CPU fails."""
    kernel_size, x, weight, bias, _ = inputs(0)
    x, weight, bias = on(safe_device, x, weight, bias)
    call = probe_call(kernel_size, x, f".to('{safe_device}')")
    probe = run_conv2d(student, kernel_size, x, weight, bias, convert=safe_device, call=call, needs=("weight",))
    (h, w), (kh, kw) = x.shape, kernel_size
    y = check_tensor(probe["y"], call, shape=(h - kh + 1, w - kw + 1), hint=shape_hint(x.shape, kernel_size))
    check_device(y, safe_device, call, hint=MODULE_DEVICE_HINT)
    check_dtype(y, x.dtype, call, hint=MODULE_DEVICE_HINT)
