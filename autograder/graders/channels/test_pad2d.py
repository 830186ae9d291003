"""Hidden grader: ``pad2d(X, padding, mode="zeros")``, padding an image on every side.

Expected values come from the reference, which the kit's own tests hold equal to
``torch.nn.functional.pad`` (``zeros`` is F.pad's ``constant``). Every mode is judged on
non-square images with an int padding, a ``(ph, pw)`` pair with ``ph != pw`` (so swapped
axes show), a pair with a zero side (so slicing ``X[:, -0:]`` shows), and the largest
padding F.pad accepts for the mode (reflect: size - 1, circular: size, zeros/replicate:
more than the size). Values, dtype and device earn separate points.
"""
import pytest
import torch

import reference.channels as ref
from autograder.graders.channels._helpers import (
    INTEGER_HINT,
    check_keeps_device,
    check_keeps_dtype,
    check_values,
    pair,
)
from convkit.grading.data import random_ints, random_tensor

MODES = ("zeros", "reflect", "replicate", "circular")

# What each mode does to the row [1, 2, 3] padded by 2 (F.pad's documented behaviour).
MODE_HINTS = {
    "zeros": "zeros surrounds the image by a frame of zeros: [1, 2, 3] padded by 2 is [0, 0, 1, 2, 3, 0, 0]",
    "reflect": "reflect mirrors about the edge pixel without repeating it: "
               "[1, 2, 3] padded by 2 is [3, 2, 1, 2, 3, 2, 1]",
    "replicate": "replicate repeats the edge pixel: [1, 2, 3] padded by 2 is [1, 1, 1, 2, 3, 3, 3]",
    "circular": "circular wraps around (the left border comes from the right end): "
                "[1, 2, 3] padded by 2 is [2, 3, 1, 2, 3, 1, 2]",
}

# (image shape, padding) per mode, all within F.pad's limits for that mode.
CASES = {
    "zeros": [((5, 7), 2), ((6, 4), (1, 3)), ((4, 9), (0, 2)), ((3, 2), (4, 5))],
    "reflect": [((5, 7), 2), ((6, 4), (1, 3)), ((4, 9), (3, 0)), ((3, 5), (2, 4))],
    "replicate": [((5, 7), 2), ((6, 4), (1, 3)), ((4, 9), (0, 2)), ((2, 3), (5, 4))],
    "circular": [((5, 7), 2), ((6, 4), (1, 3)), ((4, 9), (3, 0)), ((3, 5), (3, 5))],
}
VALUE_CASES = [(mode, i) for mode in MODES for i in range(len(CASES[mode]))]


def shape_hint(x_shape, padding) -> str:
    (h, w), (ph, pw) = x_shape, pair(padding)
    return (f"padding={padding!r} adds {ph} row(s) on top and at the bottom and {pw} column(s) on the left "
            f"and on the right: the result should be ({h} + 2*{ph}, {w} + 2*{pw}) = ({h + 2 * ph}, {w + 2 * pw})")


def check_pad(student, X, padding, mode, hint=""):
    inputs = {"X": X, "padding": padding, "mode": mode}
    return check_values(student, "pad2d", ref.pad2d, inputs, shape_hint=shape_hint(X.shape, padding),
                        hint=hint or MODE_HINTS[mode])


@pytest.mark.points(4)
@pytest.mark.parametrize("mode, case", VALUE_CASES, ids=[f"{m}-{i}" for m, i in VALUE_CASES])
def test_values(student, device, mode, case):
    x_shape, padding = CASES[mode][case]
    X = random_tensor(x_shape, seed=300 + 10 * MODES.index(mode) + case, device=device)
    check_pad(student, X, padding, mode)


@pytest.mark.points(1)
@pytest.mark.parametrize("padding", [1, (2, 1)])
def test_default_mode_is_zeros(student, device, padding):
    """``pad2d(X, padding)`` without a mode pads with zeros, as the signature's default says."""
    X = random_tensor((4, 6), seed=350, device=device)
    check_values(student, "pad2d", ref.pad2d, {"X": X, "padding": padding},
                 shape_hint=shape_hint(X.shape, padding), hint="the default mode is 'zeros'")


@pytest.mark.points(1)
@pytest.mark.parametrize("mode", MODES)
def test_integer_inputs(student, mode):
    X = random_ints((4, 5), seed=360 + MODES.index(mode))
    check_pad(student, X, (2, 3), mode, hint=f"{INTEGER_HINT}; {MODE_HINTS[mode]}")


@pytest.mark.points(1)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dtype", [torch.float64, torch.float16])
def test_keeps_dtype(student, dtype, mode):
    X = random_tensor((5, 4), seed=370, dtype=dtype)
    check_keeps_dtype(student, "pad2d", ref.pad2d, {"X": X, "padding": (1, 2), "mode": mode}, dtype,
                      shape_hint=shape_hint(X.shape, (1, 2)))


@pytest.mark.points(1)
@pytest.mark.parametrize("mode", MODES)
def test_keeps_device(student, safe_device, mode):
    X = random_tensor((5, 6), seed=380)
    check_keeps_device(student, "pad2d", {"X": X, "padding": (2, 1), "mode": mode}, safe_device,
                       shape=(9, 8), shape_hint=shape_hint(X.shape, (2, 1)))
