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
    correlate,
    fetch_kernel,
    polynomial_in_x,
    profile,
    random_values,
    shape_text,
)
from convkit.grading.checks import check_equal
from convkit.messages import message

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


COLUMN_MISTAKE = message("conv_layer.second_derivative_kernel.mistake.column")


def kernel(student):
    return fetch_kernel(student, "second_derivative_kernel")


def shape_mistakes(shape) -> list:
    kh, kw = shape
    if kw == 1 and kh > 1:
        return [(COLUMN_MISTAKE, shape)]
    if kh == 1 and kw < 3:
        return [(message("conv_layer.second_derivative_kernel.mistake.too_few_taps"), shape)]
    return []


@pytest.mark.points(2)
def test_minimal_shape(student):
    K = kernel(student)
    check_equal(K.shape, (1, 3), f"{K.call}.shape", hint=message("conv_layer.second_derivative_kernel.hint.shape"),
                mistakes=shape_mistakes(K.shape))


@pytest.mark.points(4)
@pytest.mark.parametrize("case", range(len(QUADRATICS)))
def test_exact_on_quadratics(student, case):
    (a, b, c), shown, varies_down = QUADRATICS[case]
    K = kernel(student)
    shape = canvas(K, extra_h=3)
    X = polynomial_in_x(shape, (c, b, a))
    coefficients = f"(a, b, c) = ({a:g}, {b:g}, {c:g})" if shown else "random a, b, c"
    if varies_down:
        X = X + profile("random", shape[0], 44)[:, None]
    key = "conv_layer.second_derivative_kernel.image_plus_rows" if varies_down else \
        "conv_layer.second_derivative_kernel.image"
    text = message(key, coefficients=coefficients, shape=shape_text(shape))
    column = K.shape[1] == 1 and K.shape[0] > 1
    check_response(K, X, 2 * a, image=text,
                   expected_text=message("conv_layer.second_derivative_kernel.expected",
                                         value=f"2a = {2 * a:g}" if shown else "2a"),
                   hint=message("conv_layer.second_derivative_kernel.hint.exact"),
                   mistakes=[COLUMN_MISTAKE] if column else scale_mistakes(K))


def scale_mistakes(K):
    """The second difference negated or halved, named from the response on x**2."""
    shape = canvas(K, extra_h=3)
    Y, allowed = correlate(K, polynomial_in_x(shape, (0.0, 0.0, 1.0)))
    for value, key in ((-2.0, "negated"), (1.0, "halved")):
        if bool(((Y - value).abs() <= allowed).all()):
            return [message(f"conv_layer.second_derivative_kernel.mistake.{key}")]
    return []
