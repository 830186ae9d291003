"""Hidden grader: ``diagonal_edge_kernel()``, a kernel for diagonal edges only.

Judged by properties, on images built here and correlated with the reference ``corr2d``:

* silent (zero up to rounding) on constant images, on purely horizontal edges
  (``f(i, j) = g(i)``) and on purely vertical edges (``f = h(j)``), for several profiles
  ``g``, ``h`` (steps at several positions, a stripe, random, a ramp);
* a nonzero response along diagonal edges (steps, stripes, random profiles in ``j - i``
  or ``i + j``).

Why "in either diagonal direction": silence on every ``g(i)`` and ``h(j)`` means every row
and column of the kernel sums to zero. All 2×2 kernels of that kind (``c * [[1, -1],
[-1, 1]]``) and the usual 3×3 ones respond to both diagonals, but some 3×3 kernels respond
to ``j - i`` edges only (e.g. ``[[0, 1, -1], [-1, 0, 1], [1, -1, 0]]``): an
orientation-selective diagonal detector is a valid, even better, design, so a kernel must
respond to 45° or 135° edges, not necessarily both. Roberts' ``[[1, 0], [0, -1]]`` fires
on horizontal and vertical edges too, so it loses the silence points.
"""
import pytest

from autograder.graders.conv_layer._kernels import (
    applied,
    canvas,
    check_silent,
    fetch_kernel,
    grid,
    profile,
    ramp_image,
    responds,
    shape_text,
)
from convkit.grading.checks import fail
from convkit.messages import message

#: (kind, position of the edge as a fraction of the image, seed)
EDGES = [("step", 0.3, 1), ("step", 0.7, 2), ("stripe", 0.5, 3), ("random", 0.5, 4), ("ramp", 0.5, 5)]
DIAGONAL_EDGES = [("step", 0.4, 11), ("step", 0.6, 12), ("stripe", 0.5, 13), ("random", 0.5, 14)]
CONSTANTS = [1.0, -2.5, 7.0]


def profile_name(kind: str):
    """An edge profile's name (``step``, ``stripe``, ``random``, ``ramp``) in the reader's language."""
    return message(f"conv_layer.diagonal_edge_kernel.profile.{kind}")


SILENT_HINT = {0: message("conv_layer.diagonal_edge_kernel.hint.rows_cancel"),
               1: message("conv_layer.diagonal_edge_kernel.hint.columns_cancel")}


def kernel(student):
    return fetch_kernel(student, "diagonal_edge_kernel")


def edge_image(K, kind, position, seed, axis):
    """An image of one axis-aligned edge profile: varying along the height (axis 0:
    horizontal edges) or along the width (axis 1: vertical edges)."""
    shape = canvas(K)
    g = profile(kind, shape[axis], seed, position)
    return g[:, None].expand(shape) if axis == 0 else g[None, :].expand(shape)


@pytest.mark.points(1)
def test_silent_on_constant_images(student):
    K = kernel(student)
    for c in CONSTANTS:
        X = ramp_image(canvas(K), 0.0, 0.0, c)
        check_silent(K, X, image=message("conv_layer.kernels.image.constant", value=c, shape=shape_text(X.shape)),
                     hint=message("conv_layer.diagonal_edge_kernel.hint.sum_zero"))


@pytest.mark.points(1.5)
@pytest.mark.parametrize("kind, position, seed", EDGES)
def test_silent_on_horizontal_edges(student, kind, position, seed):
    K = kernel(student)
    X = edge_image(K, kind, position, seed, axis=0)
    check_silent(K, X, image=message("conv_layer.diagonal_edge_kernel.image.horizontal", kind=profile_name(kind),
                                     shape=shape_text(X.shape)), hint=SILENT_HINT[0])


@pytest.mark.points(1.5)
@pytest.mark.parametrize("kind, position, seed", EDGES)
def test_silent_on_vertical_edges(student, kind, position, seed):
    K = kernel(student)
    X = edge_image(K, kind, position, seed, axis=1)
    check_silent(K, X, image=message("conv_layer.diagonal_edge_kernel.image.vertical", kind=profile_name(kind),
                                     shape=shape_text(X.shape)), hint=SILENT_HINT[1])


def diagonal_images(K, kind, position, seed):
    """The same profile laid along ``j - i`` (edges parallel to the main diagonal) and along
    ``i + j`` (edges parallel to the other diagonal), on a canvas roomy enough for the
    kernel to cross the edge at every offset."""
    side = 3 * max(K.shape) + 8
    i, j = grid((side, side))
    g = profile(kind, 2 * side - 1, seed, position)
    return g[(j - i + side - 1).long()], g[(i + j).long()]


@pytest.mark.points(2)
@pytest.mark.parametrize("kind, position, seed", DIAGONAL_EDGES)
def test_responds_along_diagonal_edges(student, kind, position, seed):
    K = kernel(student)
    main, anti = diagonal_images(K, kind, position, seed)
    if responds(K, main) or responds(K, anti):
        return
    fail(applied(K, message("conv_layer.diagonal_edge_kernel.image.diagonal", kind=profile_name(kind),
                            shape=shape_text(main.shape))),
         message("conv_layer.diagonal_edge_kernel.expected.responds"),
         message("conv_layer.diagonal_edge_kernel.got.silent"),
         message("conv_layer.diagonal_edge_kernel.hint.responds"), kind="values")
