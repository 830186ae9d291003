"""Hidden grader: ``second_derivative_kernel()``, the smallest exact second derivative.

Exactness: on every quadratic image ``f = a*x**2 + b*x + c`` (``x`` the column index) the
response is ``2a`` everywhere, including when the image also varies down the height
(``+ g(i)``), which a derivative *along the width* must ignore. Judged on the response, so
any exact kernel earns these points.

Minimal size: three samples are needed for a second derivative, so the kernel is
``(1, 3)``; a larger exact kernel (a 5-tap stencil, a 3×3 with one live row) keeps the
exactness points and loses only these.
"""
import pytest

from autograder.graders.conv_layer._kernels import (
    canvas,
    check_response,
    fetch_kernel,
    polynomial_in_x,
    profile,
    random_values,
    shape_text,
)
from convkit.grading.checks import check_equal

def seeded(seed: int) -> tuple[float, ...]:
    return tuple(float(t) for t in random_values(3, seed))


#: (a, b, c) of f = a*x**2 + b*x + c, whether they are shown in feedback (the random ones
#: are not), and whether a random g(i) is added.
QUADRATICS = [
    ((1.0, 0.0, 0.0), True, False),
    ((0.5, -2.0, 3.0), True, False),
    (seeded(41), False, False),
    (seeded(42), False, False),
    (seeded(43), False, True),
]


COLUMN_HINT = "your kernel runs down the height (dim 0); the width is dim 1, so a row kernel has shape (1, k)"


def kernel(student):
    return fetch_kernel(student, "second_derivative_kernel")


def shape_hint(shape) -> str:
    kh, kw = shape
    if kw == 1 and kh > 1:
        return COLUMN_HINT
    if kh == 1 and kw < 3:
        return "two samples can only give a first derivative; a second derivative needs three"
    return ("three samples in one row are enough for a second derivative along the width "
            "(and fewer are not): shape (1, 3)")


@pytest.mark.points(2)
def test_minimal_shape(student):
    K = kernel(student)
    check_equal(K.shape, (1, 3), f"{K.call}.shape", hint=shape_hint(K.shape))


@pytest.mark.points(4)
@pytest.mark.parametrize("case", range(len(QUADRATICS)))
def test_exact_on_quadratics(student, case):
    (a, b, c), shown, varies_down = QUADRATICS[case]
    K = kernel(student)
    shape = canvas(K, extra_h=3)
    X = polynomial_in_x(shape, (c, b, a))
    text = "the quadratic image X[i, j] = a*x**2 + b*x + c with x = j"
    text += f" and (a, b, c) = ({a:g}, {b:g}, {c:g})" if shown else ", random a, b, c"
    if varies_down:
        X = X + profile("random", shape[0], 44)[:, None]
        text += ", plus a random g(i) down the height"
    text += f" ({shape_text(shape)})"
    column = K.shape[1] == 1 and K.shape[0] > 1
    check_response(K, X, 2 * a, image=text,
                   expected_text=(f"2a = {2 * a:g}" if shown else "2a") +
                   " everywhere (the second derivative along the width)",
                   hint=COLUMN_HINT if column else
                   "K must cancel constants and slopes along the width (its taps sum to zero, and so do "
                   "the taps times their column offset) and turn x**2 into exactly 2")
