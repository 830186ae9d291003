"""Hidden grader: ``laplacian_kernel()``, a 3×3 kernel for ``f_xx + f_yy``.

Exactness on quadratic images ``f = a*i**2 + b*j**2 + c*i*j + d*i + e*j + g`` (response
``2a + 2b`` everywhere), with cases that isolate ``i**2``, ``j**2`` and the mixed ``i*j``
term (which a Laplacian must cancel), and zero on constants and linear ramps. Judged on
responses, so the 4-neighbour stencil, the 8-neighbour stencil divided by 3, and any
blend of the two (e.g. the isotropic 9-point stencil) all earn full credit. The 3×3 shape
has its own point.
"""
import pytest

from autograder.graders.conv_layer._kernels import (
    canvas,
    check_response,
    check_silent,
    fetch_kernel,
    grid,
    random_values,
    shape_text,
)
from convkit.grading.checks import check_equal

NAMES = ("a", "b", "c", "d", "e", "g")
#: Coefficients (a, b, c, d, e, g) of the quadratic images.
QUADRATICS = [
    (1.0, 0.0, 0.0, 0.0, 0.0, 0.0),  # i**2: curvature down the height only
    (0.0, 1.0, 0.0, 0.0, 0.0, 0.0),  # j**2: curvature along the width only
    (0.0, 0.0, 1.0, 0.0, 0.0, 0.0),  # i*j: no Laplacian at all
    *(tuple(float(t) for t in random_values(6, seed)) for seed in (51, 52, 53)),
]
#: (d, e, g) of linear images d*i + e*j + g.
RAMPS = [(0.0, 0.0, 1.0), (1.0, 0.0, 0.0), (0.0, 1.0, 0.0),
         *(tuple(float(t) for t in random_values(3, seed)) for seed in (54, 55))]


def kernel(student):
    return fetch_kernel(student, "laplacian_kernel")


def quadratic_image(shape, coefficients):
    i, j = grid(shape)
    a, b, c, d, e, g = coefficients
    return a * i**2 + b * j**2 + c * i * j + d * i + e * j + g


TERMS = ("i**2", "j**2", "i*j", "i", "j", "1")


def plain(coefficients) -> bool:
    """An image made of whole terms (i**2, i*j, ...) is shown as it is; random ones are not."""
    return all(value in (0.0, 1.0) for value in coefficients)


def image_text(shape, coefficients) -> str:
    """Names the terms present, not their (hidden) random values."""
    present = [(name, term, value) for name, term, value in zip(NAMES, TERMS, coefficients) if value != 0.0]
    if plain(coefficients):
        formula = " + ".join(term for _, term, _ in present)
        return f"the image X[i, j] = {formula} ({shape_text(shape)})"
    formula = " + ".join(name if term == "1" else f"{name}*{term}" for name, term, _ in present)
    return f"the image X[i, j] = {formula} with random coefficients ({shape_text(shape)})"


@pytest.mark.points(1)
def test_shape(student):
    K = kernel(student)
    check_equal(K.shape, (3, 3), f"{K.call}.shape",
                hint="the Laplacian needs the pixel and its neighbours on both sides in both directions: 3 × 3")


@pytest.mark.points(3.5)
@pytest.mark.parametrize("case", range(len(QUADRATICS)))
def test_exact_on_quadratics(student, case):
    coefficients = QUADRATICS[case]
    a, b = coefficients[:2]
    K = kernel(student)
    shape = canvas(K)
    check_response(K, quadratic_image(shape, coefficients), 2 * a + 2 * b,
                   image=image_text(shape, coefficients),
                   expected_text=(f"f_xx + f_yy = {2 * a + 2 * b:g} everywhere" if plain(coefficients) else
                                  "f_xx + f_yy = 2a + 2b everywhere"),
                   hint="the Laplacian is the second difference along the width plus the second difference "
                        "down the height; mind the sign and the scale (each second difference of x**2 is 2), "
                        "and a mixed i*j term must cancel")


@pytest.mark.points(1.5)
@pytest.mark.parametrize("case", range(len(RAMPS)))
def test_silent_on_linear_ramps(student, case):
    d, e, g = RAMPS[case]
    K = kernel(student)
    shape = canvas(K)
    coefficients = (0.0, 0.0, 0.0, d, e, g)
    check_silent(K, quadratic_image(shape, coefficients), image=image_text(shape, coefficients),
                 hint="a linear image has no curvature: K's taps must sum to zero and be balanced "
                      "left/right and up/down")
