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
    fetch_kernel,
    polynomial_in_x,
    random_values,
    shape_text,
)
from convkit.grading.checks import check_equal

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
                hint=f"a d-th derivative along the width needs d + 1 samples in one row: shape (1, {d + 1})")


@pytest.mark.points(1)
@pytest.mark.parametrize("d", range(8))
def test_min_kernel_size(student, d):
    call = f"min_derivative_kernel_size({d})"
    check_equal(student.call("min_derivative_kernel_size", d), d + 1, call,
                hint="a polynomial of degree d has d + 1 coefficients; fewer than d + 1 samples cannot "
                     "tell x**d from lower powers")


@pytest.mark.points(1.5)
@pytest.mark.parametrize("d", ORDERS)
def test_x_to_the_d_gives_factorial(student, d):
    K = kernel(student, d)
    shape = canvas(K, extra_h=2, extra_w=2)
    check_response(K, polynomial_in_x(shape, [0.0] * d + [1.0]), float(math.factorial(d)),
                   image=f"the image X[i, j] = x**{d} with x = j ({shape_text(shape)})",
                   expected_text=f"{d}! = {math.factorial(d)} everywhere",
                   hint="the taps are the d-th difference: binomial coefficients C(d, k) with alternating "
                        "signs, the last tap positive (corr2d does not flip K: [[-1, 1]] is +d/dx)")


@pytest.mark.points(2.5)
@pytest.mark.parametrize("d", ORDERS)
def test_exact_on_polynomials(student, d):
    K = kernel(student, d)
    shape = canvas(K, extra_h=2, extra_w=6)
    for degree in range(d + 1):
        c = random_polynomial(degree, seed=700 + 10 * d + degree)
        expected = math.factorial(d) * c[d] if degree == d else 0.0
        check_response(K, polynomial_in_x(shape, c, offset=shape[1] / 2), expected,
                       image=f"an image X[i, j] = p(x), p a random polynomial of degree {degree} and "
                             f"x = j - {shape[1] / 2:g} ({shape_text(shape)})",
                       expected_text=(f"{d}! times the x**{d} coefficient, everywhere" if degree == d else
                                      f"0 everywhere (a degree-{degree} polynomial has no {d}-th derivative)"),
                       hint="the d-th difference cancels every power below d and turns x**d into d!; "
                            "check the signs and do not divide by anything")
