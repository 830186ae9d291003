"""Hidden grader: d2l exercise 1, diagonal edges.

``diagonal_image(n)`` must be an ``n × n`` image whose only edges are diagonal: its value
depends only on ``j - i`` (so ``X[i, j] == X[i + 1, j + 1]``) and it is not constant. Any
such image is right (``torch.eye(n)``, a ramp or a step in ``j - i``, ...), so it is judged
by those properties for several ``n``.

``diagonal_responses()`` answers the exercise's three "what happens" questions as computed
tensors, keys ``"K"``, ``"transpose_X"``, ``"transpose_K"``: ``corr2d(X, K)``,
``corr2d(X.T, K)`` and ``corr2d(X, K.T)`` for ``X = torch.eye(8)``, ``K = [[1, -1]]``.
Each answer has its own point and a hint that explains what happens, so the feedback
teaches the exercise's point (eye is symmetric; ``K.T`` looks down the height).
"""
import pytest
import torch

import reference.conv_layer as ref
from convkit.grading.checks import check_close, check_tensor, fail, tolerance
from convkit.grading.texts import describe_result

SIZES = [2, 3, 5, 8]
KEYS = ("K", "transpose_X", "transpose_K")

EYE = torch.eye(8, dtype=torch.float64)
EDGE = torch.tensor([[1.0, -1.0]], dtype=torch.float64)

#: What each answer is, and the hint that explains it.
ANSWERS = {
    "K": (
        "corr2d(torch.eye(8), K) with K = torch.tensor([[1.0, -1.0]])",
        lambda: ref.corr2d(EYE, EDGE),
        "[[1, -1]] computes X[i, j] - X[i, j + 1]: it fires wherever a row changes from one "
        "column to the next, and every row of eye(8) changes on both sides of its 1 "
        "(a diagonal edge is also a vertical step in every row); the output has 8 rows and "
        "8 - 2 + 1 = 7 columns",
    ),
    "transpose_X": (
        "corr2d(torch.eye(8).T, K) with K = torch.tensor([[1.0, -1.0]])",
        lambda: ref.corr2d(EYE.T, EDGE),
        "eye(8) is symmetric (X.T equals X), so transposing X changes nothing: this answer "
        "equals the first one, 8 × 7",
    ),
    "transpose_K": (
        "corr2d(torch.eye(8), K.T) with K.T = torch.tensor([[1.0], [-1.0]])",
        lambda: ref.corr2d(EYE, EDGE.T),
        "K.T has shape (2, 1) and computes X[i, j] - X[i + 1, j], a difference down the "
        "height: it detects horizontal edges instead of vertical ones; the output has "
        "8 - 2 + 1 = 7 rows and 8 columns",
    ),
}


# ----------------------------------------------------------------------------- the image
def fetch_image(student, n: int) -> tuple[torch.Tensor, torch.Tensor, str]:
    """The student's image as float64 (checked to be a 2-D tensor with values; its shape has
    its own test, so a wrong size does not also cost the property points), the rounding
    allowance of the dtype it came in, and the call for feedback."""
    call = f"diagonal_image({n})"
    got = check_tensor(student.call("diagonal_image", n), call, hint="return the image as a 2-D torch.Tensor")
    if got.dim() != 2 or min(got.shape) < 2 or got.device.type == "meta" or got.is_complex():
        fail(call, f"a 2-D image with real values, shape ({n}, {n})", describe_result(got),
             "build an n × n image from numbers (at least 2 × 2, or it cannot have an edge)")
    X = got.detach().to("cpu", torch.float64)
    precision = got.dtype if got.dtype.is_floating_point else torch.float64
    return X, tolerance(precision, 1, X.abs()), call


@pytest.mark.points(1)
@pytest.mark.parametrize("n", SIZES)
def test_image_shape(student, n):
    X, _, call = fetch_image(student, n)
    check_tensor(X, call, shape=(n, n),
                 hint=f"diagonal_image(n) returns an n × n image: shape ({n}, {n}) here")


@pytest.mark.points(1)
@pytest.mark.parametrize("n", SIZES)
def test_image_depends_only_on_j_minus_i(student, n):
    X, allowed, call = fetch_image(student, n)
    bad = ~((X[1:, 1:] - X[:-1, :-1]).abs() <= allowed[:-1, :-1])
    if not bool(bad.any()):
        return
    i, j = (int(k) for k in bad.nonzero()[0])
    across, slack = X.flip(1), allowed.flip(1)
    anti = bool(((across[1:, 1:] - across[:-1, :-1]).abs() <= slack[:-1, :-1]).all())
    hint = ("your image is constant along the other diagonals (its value depends on i + j); "
            "here the value must depend only on j - i" if anti else
            "every line parallel to the main diagonal must carry one value: X[i, j] = g(j - i) "
            "for some non-constant g (d2l's own exercise image is one)")
    fail(call, "X[i, j] == X[i + 1, j + 1] everywhere (the value depends only on j - i)",
         f"{int(bad.sum())} of {bad.numel()} such pairs differ, "
         f"e.g. X[{i}, {j}] != X[{i + 1}, {j + 1}]", hint)


@pytest.mark.points(1)
@pytest.mark.parametrize("n", SIZES)
def test_image_not_constant(student, n):
    X, allowed, call = fetch_image(student, n)
    if float(X.max() - X.min()) > float(allowed.max()):
        return
    fail(call, "an image that is not constant", "the same value in every pixel",
         "a constant image has no edges at all; it needs at least two values, arranged by j - i")


# ----------------------------------------------------------------------------- the answers
def fetch_answer(student, key: str):
    """One entry of the student's answers dict, with the checks that come before its values."""
    call = f'diagonal_responses()["{key}"]'
    answers = student.call("diagonal_responses")
    if not isinstance(answers, dict):
        fail("diagonal_responses()", f"a dict with the keys {list(KEYS)}", describe_result(answers),
             'return {"K": ..., "transpose_X": ..., "transpose_K": ...}, each a tensor computed with corr2d')
    if key not in answers:
        fail("diagonal_responses()", f"a dict with the keys {list(KEYS)}",
             f"a dict with the keys {sorted(map(str, answers))}", "spell the keys exactly as given")
    return answers[key], call


def diagnosis(got, key: str) -> str:
    """A first line of hint for the usual wrong answers: equal to another question's answer,
    transposed, or with the opposite sign."""
    if not isinstance(got, torch.Tensor) or got.device.type == "meta" or got.is_complex():
        return ""
    values, expected = got.detach().to("cpu", torch.float64), answer(key)
    if same(values, expected):
        return ""
    for other in KEYS:
        if same(values, answer(other)):
            return f'your answer equals the "{other}" answer, {ANSWERS[other][0]}. '
    if same(values, expected.T):
        return "your answer is the transpose of the expected one. "
    if same(values, -expected):
        return ("your answer has the opposite sign: corr2d does not flip K "
                "(Y[i, j] = X[i, j] * K[0, 0] + X[i, j + 1] * K[0, 1]). ")
    return ""


def same(a: torch.Tensor, b: torch.Tensor) -> bool:
    return a.shape == b.shape and torch.equal(a, b)


def answer(key: str) -> torch.Tensor:
    return ANSWERS[key][1]()


@pytest.mark.points(3)
@pytest.mark.parametrize("key", KEYS)
def test_response(student, key):
    what, compute, explanation = ANSWERS[key]
    got, call = fetch_answer(student, key)
    expected = compute()
    hint = diagnosis(got, key) + explanation
    check_close(got, expected, f"{call}, which should be {what}", hint=hint, shape_hint=hint)
