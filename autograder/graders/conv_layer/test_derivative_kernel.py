"""Hidden grader: ``derivative_kernel(d)`` and ``min_derivative_kernel_size(d)``.

``derivative_kernel(d)`` is a ``(1, d+1)`` kernel giving the exact d-th derivative along the
width on every polynomial of degree <= d in ``x`` (the column index): ``d!`` on ``x**d``,
``d! * c_d`` on ``c_0 + ... + c_d * x**d``, and 0 on lower degrees. Judged on responses for
``d = 0 .. 5`` and polynomials of every degree ``k <= d``, so any exact kernel of that shape
earns full credit (with ``d + 1`` taps it is unique: the d-th forward difference, however it
is computed). Shape and ``min_derivative_kernel_size(d) == d + 1`` have their own points, so
a correct but padded kernel loses only the shape point.

The usual mistakes: binomial coefficients without the alternating sign; the sign pattern
starting at the wrong end (``(-1)**k`` instead of ``(-1)**(d - k)``, which negates odd
orders: ``[[1, -1]]`` is ``-d/dx`` under cross-correlation); dividing by ``d!``; one tap too
many or too few.
"""
import math

import pytest

from autograder.graders.conv_layer._kernels import (
    canvas,
    check_response,
    correlate,
    fetch_kernel,
    polynomial_in_x,
    random_values,
    shape_text,
)
from convkit.grading.checks import check_equal
from convkit.messages import message

ORDERS = range(6)


def kernel(student, d):
    return fetch_kernel(student, "derivative_kernel", d)


def random_polynomial(degree: int, seed: int) -> list[float]:
    """Coefficients ``c_0 .. c_degree``; the leading one is at least 1 in size, so a wrong
    scale of the d-th derivative shows."""
    c = [float(t) for t in random_values(degree + 1, seed)]
    c[-1] = math.copysign(1.0 + abs(c[-1]), c[-1])
    return c


@pytest.mark.points(1)
@pytest.mark.parametrize("d", ORDERS)
def test_shape(student, d):
    K = kernel(student, d)
    check_equal(K.shape, (1, d + 1), f"{K.call}.shape",
                hint=message("conv_layer.derivative_kernel.hint.shape", taps=d + 1))


@pytest.mark.points(1)
@pytest.mark.parametrize("d", range(8))
def test_min_kernel_size(student, d):
    call = f"min_derivative_kernel_size({d})"
    got = student.call("min_derivative_kernel_size", d)
    check_equal(got, d + 1, call, hint=message("conv_layer.derivative_kernel.hint.min_size"),
                mistakes=[(message("conv_layer.derivative_kernel.mistake.size_d"), d)])


@pytest.mark.points(1.5)
@pytest.mark.parametrize("d", ORDERS)
def test_x_to_the_d_gives_factorial(student, d):
    K = kernel(student, d)
    shape = canvas(K, extra_h=2, extra_w=2)
    check_response(K, polynomial_in_x(shape, [0.0] * d + [1.0]), float(math.factorial(d)),
                   image=message("conv_layer.derivative_kernel.image.power", d=d, shape=shape_text(shape)),
                   expected_text=message("conv_layer.derivative_kernel.expected.factorial", d=d,
                                         value=math.factorial(d)),
                   hint=message("conv_layer.derivative_kernel.hint.taps"), mistakes=derivative_mistakes(K, d))


@pytest.mark.points(2.5)
@pytest.mark.parametrize("d", ORDERS)
def test_exact_on_polynomials(student, d):
    K = kernel(student, d)
    shape = canvas(K, extra_h=2, extra_w=6)
    for degree in range(d + 1):
        c = random_polynomial(degree, seed=700 + 10 * d + degree)
        expected = math.factorial(d) * c[d] if degree == d else 0.0
        check_response(K, polynomial_in_x(shape, c, offset=shape[1] / 2), expected,
                       image=message("conv_layer.derivative_kernel.image.polynomial", degree=degree,
                                     offset=f"{shape[1] / 2:g}", shape=shape_text(shape)),
                       expected_text=(message("conv_layer.derivative_kernel.expected.leading", d=d) if degree == d else
                                      message("conv_layer.derivative_kernel.expected.zero", d=d, degree=degree)),
                       hint=message("conv_layer.derivative_kernel.hint.exact"), mistakes=derivative_mistakes(K, d))


def derivative_mistakes(K, d):
    """A d-th difference negated, or divided by d!, is named (its response on x**d shows it)."""
    if K.shape != (1, d + 1) or d == 0:
        return []
    shape = canvas(K, extra_h=2, extra_w=2)
    Y, allowed = correlate(K, polynomial_in_x(shape, [0.0] * d + [1.0]))
    factorial = float(math.factorial(d))
    if bool(((Y + factorial).abs() <= allowed).all()):
        return [message("conv_layer.derivative_kernel.mistake.sign")]
    if d > 1 and bool(((Y - 1.0).abs() <= allowed).all()):
        return [message("conv_layer.derivative_kernel.mistake.divided")]
    return []
