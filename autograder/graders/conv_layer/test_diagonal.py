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
from convkit.messages import message

SIZES = [2, 3, 5, 8]
KEYS = ("K", "transpose_X", "transpose_K")

EYE = torch.eye(8, dtype=torch.float64)
EDGE = torch.tensor([[1.0, -1.0]], dtype=torch.float64)

#: What each answer is, and the hint that explains it.
ANSWERS = {
    "K": (
        "corr2d(torch.eye(8), K) with K = torch.tensor([[1.0, -1.0]])",
        lambda: ref.corr2d(EYE, EDGE),
        message("conv_layer.diagonal.explain.K"),
    ),
    "transpose_X": (
        "corr2d(torch.eye(8).T, K) with K = torch.tensor([[1.0, -1.0]])",
        lambda: ref.corr2d(EYE.T, EDGE),
        message("conv_layer.diagonal.explain.transpose_X"),
    ),
    "transpose_K": (
        "corr2d(torch.eye(8), K.T) with K.T = torch.tensor([[1.0], [-1.0]])",
        lambda: ref.corr2d(EYE, EDGE.T),
        message("conv_layer.diagonal.explain.transpose_K"),
    ),
}


# ----------------------------------------------------------------------------- the image
def fetch_image(student, n: int) -> tuple[torch.Tensor, torch.Tensor, str]:
    """The student's image as float64 (checked to be a 2-D tensor with values; its shape has
    its own test, so a wrong size does not also cost the property points), the rounding
    allowance of the dtype it came in, and the call for feedback."""
    call = f"diagonal_image({n})"
    got = check_tensor(student.call("diagonal_image", n), call, hint=message("conv_layer.diagonal.hint.return_image"))
    if got.dim() != 2 or min(got.shape) < 2 or got.device.type == "meta" or got.is_complex():
        fail(call, message("conv_layer.diagonal.expected.image", n=n), describe_result(got),
             message("conv_layer.diagonal.hint.image"), kind="shape")
    X = got.detach().to("cpu", torch.float64)
    precision = got.dtype if got.dtype.is_floating_point else torch.float64
    return X, tolerance(precision, 1, X.abs()), call


@pytest.mark.points(1)
@pytest.mark.parametrize("n", SIZES)
def test_image_shape(student, n):
    X, _, call = fetch_image(student, n)
    check_tensor(X, call, shape=(n, n), hint=message("conv_layer.diagonal.hint.shape", n=n),
                 shape_mistakes=[(message("conv_layer.diagonal.mistake.ignores_n"), tuple(X.shape))]
                 if X.shape[0] == X.shape[1] and tuple(X.shape) != (n, n) else [])


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
    fail(call, message("conv_layer.diagonal.expected.depends_on_j_minus_i"),
         message("conv_layer.diagonal.got.pairs_differ", count=int(bad.sum()), total=bad.numel(),
                 example=f"X[{i}, {j}] != X[{i + 1}, {j + 1}]"),
         message("conv_layer.diagonal.hint.j_minus_i"),
         mistakes=[message("conv_layer.diagonal.mistake.anti_diagonal")] if anti else [])


@pytest.mark.points(1)
@pytest.mark.parametrize("n", SIZES)
def test_image_not_constant(student, n):
    X, allowed, call = fetch_image(student, n)
    if float(X.max() - X.min()) > float(allowed.max()):
        return
    fail(call, message("conv_layer.diagonal.expected.not_constant"), message("conv_layer.diagonal.got.constant"),
         message("conv_layer.diagonal.hint.not_constant"), kind="value")


# ----------------------------------------------------------------------------- the answers
def fetch_answer(student, key: str):
    """One entry of the student's answers dict, with the checks that come before its values."""
    call = f'diagonal_responses()["{key}"]'
    answers = student.call("diagonal_responses")
    if not isinstance(answers, dict):
        fail("diagonal_responses()", message("conv_layer.diagonal.expected.dict", keys=str(list(KEYS))),
             describe_result(answers), message("conv_layer.diagonal.hint.dict"), kind="type")
    if key not in answers:
        fail("diagonal_responses()", message("conv_layer.diagonal.expected.dict", keys=str(list(KEYS))),
             message("conv_layer.diagonal.got.keys", keys=str(sorted(map(str, answers)))),
             message("conv_layer.diagonal.hint.keys"), kind="value")
    return answers[key], call


def diagnosis(key: str) -> list:
    """The usual wrong answers and what each is: another question's answer, the transpose,
    the opposite sign (as check_close's mistakes)."""
    expected = answer(key)
    mistakes = [(message("conv_layer.diagonal.mistake.other_answer", other=other, what=ANSWERS[other][0]),
                 answer(other)) for other in KEYS if other != key]
    return mistakes + [(message("mistake.transposed_result"), expected.T),
                       (message("conv_layer.diagonal.mistake.opposite_sign"), -expected)]


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
    check_close(got, expected, message("conv_layer.diagonal.call_answer", call=call, what=what), hint=explanation,
                shape_hint=explanation, mistakes=diagnosis(key))
