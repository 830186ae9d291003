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
    correlate,
    fetch_kernel,
    grid,
    random_values,
    shape_text,
)
from convkit.grading.checks import check_equal
from convkit.messages import message

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


def image_text(shape, coefficients):
    """Names the terms present, not their (hidden) random values."""
    present = [(name, term, value) for name, term, value in zip(NAMES, TERMS, coefficients) if value != 0.0]
    if plain(coefficients):
        formula = " + ".join(term for _, term, _ in present)
        return message("conv_layer.laplacian_kernel.image", formula=formula, shape=shape_text(shape))
    formula = " + ".join(name if term == "1" else f"{name}*{term}" for name, term, _ in present)
    return message("conv_layer.laplacian_kernel.image_random", formula=formula, shape=shape_text(shape))


@pytest.mark.points(1)
def test_shape(student):
    K = kernel(student)
    check_equal(K.shape, (3, 3), f"{K.call}.shape", hint=message("conv_layer.laplacian_kernel.hint.shape"))


@pytest.mark.points(3.5)
@pytest.mark.parametrize("case", range(len(QUADRATICS)))
def test_exact_on_quadratics(student, case):
    coefficients = QUADRATICS[case]
    a, b = coefficients[:2]
    K = kernel(student)
    shape = canvas(K)
    check_response(K, quadratic_image(shape, coefficients), 2 * a + 2 * b,
                   image=image_text(shape, coefficients),
                   expected_text=message("conv_layer.laplacian_kernel.expected",
                                         value=f"{2 * a + 2 * b:g}" if plain(coefficients) else "2a + 2b"),
                   hint=message("conv_layer.laplacian_kernel.hint.exact"), mistakes=laplacian_mistakes(K))


@pytest.mark.points(1.5)
@pytest.mark.parametrize("case", range(len(RAMPS)))
def test_silent_on_linear_ramps(student, case):
    d, e, g = RAMPS[case]
    K = kernel(student)
    shape = canvas(K)
    coefficients = (0.0, 0.0, 0.0, d, e, g)
    check_silent(K, quadratic_image(shape, coefficients), image=image_text(shape, coefficients),
                 hint=message("conv_layer.laplacian_kernel.hint.linear"))


def laplacian_mistakes(K):
    """A kernel whose response to i**2 + j**2 is -4 (the Laplacian negated) is named."""
    X = quadratic_image(canvas(K), (1.0, 1.0, 0.0, 0.0, 0.0, 0.0))
    Y, allowed = correlate(K, X)
    if bool(((Y + 4.0).abs() <= allowed).all()):
        return [message("conv_layer.laplacian_kernel.mistake.negated")]
    return []
