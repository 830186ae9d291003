"""Hidden grader: ``corr2d_strided(X, K, padding=0, stride=1)``, cross-correlation with
zero padding on every side and a stride (each an int or a ``(height, width)`` pair).

Expected values come from the reference, which the kit's own tests hold equal to
``F.conv2d(X[None, None], K[None, None], padding=padding, stride=stride)[0, 0]``. A wrong
shape is explained with d2l's formula ``floor((n + 2p - k) / s) + 1`` in the test's
numbers (the shape ``conv2d_output_shape`` gives). The configurations are chosen so the
usual mistakes show: strides and paddings that differ between height and width (swapped
axes), ``n + 2p - k`` not a multiple of ``s`` (ceil instead of floor), kernels larger
than 1 with stride > 1 (subsampling the input instead of the output), a kernel taller
than the unpadded image (padding must come first).
"""
import pytest
import torch

import torch.nn.functional as F

import reference.channels as ref
from autograder.graders.channels._helpers import (
    check_keeps_device,
    check_keeps_dtype,
    check_values,
    output_shape_hint,
    pair,
)
from convkit.grading.data import random_ints, random_tensor
from convkit.messages import message

WINDOW_HINT = message("channels.corr2d_strided.rule")


def strided_mistakes(inputs: dict) -> list:
    """(mistake, what it gives) for the classic slips, on the float64 inputs."""
    X, K = inputs["X"], inputs["K"]
    padding, stride = inputs.get("padding", 0), inputs.get("stride", 1)
    (ph, pw), (sh, sw) = pair(padding), pair(stride)

    def conv(Xp, p=(0, 0), s=(sh, sw)):
        return F.conv2d(Xp[None, None], K[None, None], padding=p, stride=s)[0, 0]

    return [
        (message("mistake.flipped_kernel"), lambda: ref.corr2d_strided(X, K.flip(0, 1), padding, stride)),
        (message("channels.corr2d_strided.mistake.swapped_stride"), lambda: conv(X, (ph, pw), (sw, sh))),
        (message("channels.corr2d_strided.mistake.padding_as_total"),
         lambda: _or_none(lambda: conv(F.pad(X, (pw // 2, pw - pw // 2, ph // 2, ph - ph // 2))))),
        (message("channels.corr2d_strided.mistake.padding_one_side"),
         lambda: _or_none(lambda: conv(F.pad(X, (pw, 0, ph, 0))))),
        (message("channels.corr2d_strided.mistake.stride_on_input"),
         lambda: _or_none(lambda: conv(F.pad(X, (pw, pw, ph, ph))[::sh, ::sw], s=(1, 1)))),
    ]


def _or_none(compute):
    try:
        return compute()
    except RuntimeError:  # the mistake cannot even be computed here (a kernel larger than the input)
        return None


def size_mistakes(x_shape, k_shape, padding, stride) -> list:
    """Output shapes of the classic size slips: ceil instead of floor, a forgotten + 1."""
    (h, w), (kh, kw), (ph, pw), (sh, sw) = x_shape, k_shape, pair(padding), pair(stride)
    ceil = (-(-(h + 2 * ph - kh) // sh) + 1, -(-(w + 2 * pw - kw) // sw) + 1)
    short = ((h + 2 * ph - kh) // sh, (w + 2 * pw - kw) // sw)
    return [(message("channels.corr2d_strided.mistake.ceil"), ceil),
            (message("channels.corr2d_strided.mistake.no_plus_one"), short)]

# d2l's "Padding and Stride" examples on an 8×8 input: (kernel, padding, stride).
D2L_CASES = [((3, 3), 1, 1), ((5, 3), (2, 1), 1), ((3, 3), 1, 2), ((3, 5), (0, 1), (3, 4))]

# (X shape, K shape, padding) with the default stride.
PADDING_CASES = [((6, 7), (3, 2), 1), ((5, 9), (2, 4), (2, 1)), ((4, 4), (4, 4), (0, 3)), ((3, 5), (5, 1), 2)]

# (X shape, K shape, stride) with the default padding.
STRIDE_CASES = [((7, 9), (3, 2), 2), ((8, 6), (2, 3), (3, 2)), ((5, 10), (1, 1), (2, 3)), ((9, 9), (4, 4), 4)]

# (X shape, K shape, padding, stride).
BOTH_CASES = [
    ((7, 8), (3, 3), 1, 2),
    ((6, 9), (2, 4), (1, 2), (4, 3)),
    ((11, 5), (5, 2), (2, 0), (3, 1)),
    ((5, 5), (3, 3), 2, (3, 4)),
    ((4, 11), (1, 3), (1, 1), (1, 4)),
    ((9, 7), (4, 5), (0, 2), (2, 2)),
]


def check_strided(student, X, K, padding=None, stride=None, by_name=()):
    """corr2d_strided with the given arguments (``None``: left out, the default applies)."""
    inputs = {"X": X, "K": K}
    if padding is not None:
        inputs["padding"] = padding
    if stride is not None:
        inputs["stride"] = stride
    padding, stride = 0 if padding is None else padding, 1 if stride is None else stride
    hint = output_shape_hint(X.shape, K.shape, padding, stride)
    return check_values(student, "corr2d_strided", ref.corr2d_strided, inputs, terms=K.numel(),
                        shape_hint=hint, hint=WINDOW_HINT, by_name=by_name, mistakes=strided_mistakes,
                        shape_mistakes=size_mistakes(X.shape, K.shape, padding, stride))


@pytest.mark.points(1)
@pytest.mark.parametrize("case", range(len(D2L_CASES)))
def test_d2l_examples(student, device, case):
    """d2l's examples: padding 1 keeps 8×8, stride 2 halves it, its exercise gives 2×2."""
    kernel, padding, stride = D2L_CASES[case]
    X = random_tensor((8, 8), seed=400, device=device)
    K = random_tensor(kernel, seed=401 + case, device=device)
    check_strided(student, X, K, padding, stride)


@pytest.mark.points(1)
@pytest.mark.parametrize("case", range(len(PADDING_CASES)))
def test_padding(student, device, case):
    x_shape, k_shape, padding = PADDING_CASES[case]
    X = random_tensor(x_shape, seed=410 + case, device=device)
    K = random_tensor(k_shape, seed=420 + case, device=device)
    check_strided(student, X, K, padding)


@pytest.mark.points(1)
@pytest.mark.parametrize("case", range(len(STRIDE_CASES)))
def test_stride(student, device, case):
    """``stride=`` alone: padding keeps its default 0."""
    x_shape, k_shape, stride = STRIDE_CASES[case]
    X = random_tensor(x_shape, seed=430 + case, device=device)
    K = random_tensor(k_shape, seed=440 + case, device=device)
    check_strided(student, X, K, stride=stride, by_name=("stride",))


@pytest.mark.points(2)
@pytest.mark.parametrize("case", range(len(BOTH_CASES)))
def test_padding_and_stride(student, device, case):
    x_shape, k_shape, padding, stride = BOTH_CASES[case]
    X = random_tensor(x_shape, seed=450 + case, device=device)
    K = random_tensor(k_shape, seed=460 + case, device=device)
    check_strided(student, X, K, padding, stride)


@pytest.mark.points(1)
def test_integer_inputs(student):
    X = torch.arange(30).reshape(5, 6)
    K = random_ints((2, 3), seed=470)
    inputs = {"X": X, "K": K, "padding": (1, 2), "stride": (2, 3)}
    check_values(student, "corr2d_strided", ref.corr2d_strided, inputs,
                 shape_hint=output_shape_hint(X.shape, K.shape, (1, 2), (2, 3)),
                 hint=message("channels.hint.integers_and", rule=WINDOW_HINT), mistakes=strided_mistakes,
                 shape_mistakes=size_mistakes(X.shape, K.shape, (1, 2), (2, 3)))


@pytest.mark.points(1)
@pytest.mark.parametrize("dtype", [torch.float64, torch.float16])
def test_keeps_dtype(student, dtype):
    X = random_tensor((7, 6), seed=480, dtype=dtype)
    K = random_tensor((3, 2), seed=481, dtype=dtype)
    check_keeps_dtype(student, "corr2d_strided", ref.corr2d_strided,
                      {"X": X, "K": K, "padding": 1, "stride": 2}, dtype, terms=K.numel(),
                      shape_hint=output_shape_hint(X.shape, K.shape, 1, 2), hint=WINDOW_HINT,
                      mistakes=strided_mistakes, shape_mistakes=size_mistakes(X.shape, K.shape, 1, 2))


@pytest.mark.points(1)
def test_keeps_device(student, safe_device):
    X, K = random_tensor((6, 7), seed=490), random_tensor((3, 2), seed=491)
    check_keeps_device(student, "corr2d_strided", {"X": X, "K": K, "padding": (1, 2), "stride": (2, 3)},
                       safe_device, shape=(3, 4), shape_hint=output_shape_hint((6, 7), (3, 2), (1, 2), (2, 3)),
                       reference=ref.corr2d_strided, terms=K.numel(), hint=WINDOW_HINT, mistakes=strided_mistakes,
                       shape_mistakes=size_mistakes((6, 7), (3, 2), (1, 2), (2, 3)))
