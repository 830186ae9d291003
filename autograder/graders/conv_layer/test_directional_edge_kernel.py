"""Hidden grader: ``directional_edge_kernel(v)``, an edge detector for any direction.

For ``v = (v1, v2)`` (v1 along the height, v2 along the width) the kernel must measure the
directional derivative along ``v`` up to one scale: on every linear ramp
``f(i, j) = a*i + b*j`` the response is the constant ``c * (a*v1 + b*v2)`` with one
``c != 0`` (per ``v``). Any such kernel is right (forward or central differences, Sobel,
normalised ``v``, negative ``c``), so:

* ``c`` is estimated from the ramp along ``v`` (``a, b = v1, v2``), which must give a
  constant, nonzero response;
* the ramp across ``v`` (``a, b = -v2, v1``) must give zero: its edges run along ``v``;
* random ramps must all give ``c * (a*v1 + b*v2)`` with that same ``c``;
* constant images give zero.

Axis-aligned ``v`` catch height/width swaps, mixed signs catch kernels whose two
differences disagree in sign or scale.
"""
import pytest

from autograder.graders.conv_layer._kernels import (
    applied,
    canvas,
    check_response,
    check_silent,
    correlate,
    fetch_kernel,
    ramp_image,
    random_values,
    responds,
    shape_text,
)
from convkit.grading.checks import fail
from convkit.messages import message


def seeded_pair(seed: int) -> tuple[float, float]:
    return tuple(round(float(x), 3) for x in random_values(2, seed))


V_CASES = [(1.0, 0.0), (0.0, 1.0), (1.0, 1.0), (-1.0, 2.0), seeded_pair(21), seeded_pair(22), seeded_pair(23)]
RAMPS_PER_V = 5

AXES_NOTE = message("conv_layer.directional_edge_kernel.axes")


def kernel(student, v):
    return fetch_kernel(student, "directional_edge_kernel", v)


def ramp_text(X, which: str):
    return message(f"conv_layer.directional_edge_kernel.image.{which}", shape=shape_text(X.shape))


def scale_of(K, v) -> tuple[float, float]:
    """``c`` from the ramp along ``v``, and how far off the estimate may be.

    The ramp along v must give a constant, nonzero response ``c * (v1**2 + v2**2)``;
    otherwise no ``c`` exists and the feedback says which part failed.
    """
    v1, v2 = v
    X = ramp_image(canvas(K), v1, v2)
    Y, allowed = correlate(K, X)
    call = applied(K, ramp_text(X, "along_v"))
    expected = message("conv_layer.directional_edge_kernel.expected.constant_response")
    if float(Y.max() - Y.min()) > 2 * float(allowed.max()):
        fail(call, expected, message("conv_layer.kernels.got.changes"),
             message("conv_layer.directional_edge_kernel.hint.constant_response"))
    if not responds(K, X):
        fail(call, expected, message("conv_layer.kernels.expected.silent"),
             message("conv_layer.directional_edge_kernel.hint.respond_along_v", axes=AXES_NOTE))
    norm = v1 * v1 + v2 * v2
    return float(Y.mean()) / norm, float(allowed.max()) / norm


@pytest.mark.points(1)
@pytest.mark.parametrize("v", V_CASES[:4])
def test_silent_on_constant_images(student, v):
    K = kernel(student, v)
    for value in (1.0, -3.5):
        X = ramp_image(canvas(K), 0.0, 0.0, value)
        check_silent(K, X, image=message("conv_layer.kernels.image.constant", value=value, shape=shape_text(X.shape)),
                     hint=message("conv_layer.diagonal_edge_kernel.hint.sum_zero"))


@pytest.mark.points(1)
@pytest.mark.parametrize("v", V_CASES)
def test_responds_to_ramp_along_v(student, v):
    scale_of(kernel(student, v), v)


@pytest.mark.points(1.5)
@pytest.mark.parametrize("v", V_CASES)
def test_silent_on_ramp_across_v(student, v):
    K = kernel(student, v)
    a, b = -v[1], v[0]
    X = ramp_image(canvas(K), a, b)
    check_silent(K, X, image=ramp_text(X, "across_v"),
                 hint=message("conv_layer.directional_edge_kernel.hint.silent_across", axes=AXES_NOTE),
                 mistakes=swapped_axes(K, v))


@pytest.mark.points(2.5)
@pytest.mark.parametrize("case", range(len(V_CASES)))
def test_one_scale_for_all_ramps(student, case):
    v = V_CASES[case]
    K = kernel(student, v)
    c, c_error = scale_of(K, v)
    for a, b in (seeded_pair(300 + 10 * case + k) for k in range(RAMPS_PER_V)):
        slope = a * v[0] + b * v[1]
        X = ramp_image(canvas(K), a, b)
        check_response(K, X, c * slope, image=ramp_text(X, "random"), slack=abs(slope) * c_error,
                       expected_text=message("conv_layer.directional_edge_kernel.expected.one_scale"),
                       hint=message("conv_layer.directional_edge_kernel.hint.one_scale", axes=AXES_NOTE))


def swapped_axes(K, v):
    """The kernel answers for (v2, v1): silent across (v2, v1) instead of across v."""
    v1, v2 = v
    if v1 == v2:
        return []
    X = ramp_image(canvas(K), -v1, v2)  # orthogonal to (v2, v1)
    return [] if responds(K, X) else [message("conv_layer.directional_edge_kernel.mistake.axes_swapped")]
