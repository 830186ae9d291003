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
    check_keeps_device,
    check_keeps_dtype,
    check_values,
    pair,
)
from convkit.grading.data import random_ints, random_tensor
from convkit.messages import message

MODES = ("zeros", "reflect", "replicate", "circular")

# What each mode does to the row [1, 2, 3] padded by 2 (F.pad's documented behaviour).
MODE_HINTS = {mode: message(f"channels.pad2d.mode.{mode}") for mode in ("zeros", "reflect", "replicate", "circular")}

# (image shape, padding) per mode, all within F.pad's limits for that mode.
CASES = {
    "zeros": [((5, 7), 2), ((6, 4), (1, 3)), ((4, 9), (0, 2)), ((3, 2), (4, 5))],
    "reflect": [((5, 7), 2), ((6, 4), (1, 3)), ((4, 9), (3, 0)), ((3, 5), (2, 4))],
    "replicate": [((5, 7), 2), ((6, 4), (1, 3)), ((4, 9), (0, 2)), ((2, 3), (5, 4))],
    "circular": [((5, 7), 2), ((6, 4), (1, 3)), ((4, 9), (3, 0)), ((3, 5), (3, 5))],
}
VALUE_CASES = [(mode, i) for mode in MODES for i in range(len(CASES[mode]))]


def shape_hint(x_shape, padding):
    (h, w), (ph, pw) = x_shape, pair(padding)
    return message("channels.pad2d.hint.shape", padding=repr(padding), ph=ph, pw=pw, h=h, w=w, oh=h + 2 * ph,
                   ow=w + 2 * pw)


def pad_mistakes(inputs: dict) -> list:
    """(mistake, what it gives) for the classic slips of padding, on the float64 inputs."""
    X, padding = inputs["X"], inputs["padding"]
    mode = inputs.get("mode", "zeros")
    (h, w), (ph, pw) = X.shape, pair(padding)
    full = ref.pad2d(X, padding, mode)
    found = [(message("channels.pad2d.mistake.one_side"), full[:h + ph, :w + pw]),
             (message("channels.pad2d.mistake.swapped_axes"), lambda: _safe_pad(X, (pw, ph), mode))]
    if mode == "reflect":
        found.append((message("channels.pad2d.mistake.symmetric_not_reflect"), lambda: _symmetric(X, ph, pw)))
    if mode == "circular":
        found.append((message("channels.pad2d.mistake.circular_wrong_way"), lambda: _circular_wrong_way(X, ph, pw)))
        if 0 in (ph, pw):
            found.append((message("channels.pad2d.mistake.negative_zero_slice"),
                          lambda: _zero_slice_copy(X, ph, pw)))
    return found


def _safe_pad(X, padding, mode):
    try:
        return ref.pad2d(X, padding, mode)
    except (RuntimeError, ValueError):
        return None


def _along(X, ph, pw, columns):
    """Pad with ``columns(X, p)`` along the width, then along the height (through a transpose)."""
    return columns(columns(X, pw).T, ph).T


def _symmetric(X, ph, pw):
    def columns(Z, p):
        return torch.cat([Z[:, :p].flip(1), Z, Z[:, Z.shape[1] - p:].flip(1)], dim=1) if p else Z
    return _along(X, ph, pw, columns)


def _circular_wrong_way(X, ph, pw):
    def columns(Z, p):
        return torch.cat([Z[:, :p], Z, Z[:, Z.shape[1] - p:]], dim=1) if p else Z
    return _along(X, ph, pw, columns)


def _zero_slice_copy(X, ph, pw):
    def columns(Z, p):
        return torch.cat([Z[:, -p:], Z, Z[:, :p]], dim=1)
    return _along(X, ph, pw, columns)


def check_pad(student, X, padding, mode, hint=None):
    inputs = {"X": X, "padding": padding, "mode": mode}
    return check_values(student, "pad2d", ref.pad2d, inputs, shape_hint=shape_hint(X.shape, padding),
                        hint=hint or MODE_HINTS[mode], mistakes=pad_mistakes)


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
                 shape_hint=shape_hint(X.shape, padding), hint=message("channels.pad2d.hint.default_mode"),
                 mistakes=pad_mistakes)


@pytest.mark.points(1)
@pytest.mark.parametrize("mode", MODES)
def test_integer_inputs(student, mode):
    X = random_ints((4, 5), seed=360 + MODES.index(mode))
    check_pad(student, X, (2, 3), mode, hint=message("channels.hint.integers_and", rule=MODE_HINTS[mode]))


@pytest.mark.points(1)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dtype", [torch.float64, torch.float16])
def test_keeps_dtype(student, dtype, mode):
    X = random_tensor((5, 4), seed=370, dtype=dtype)
    check_keeps_dtype(student, "pad2d", ref.pad2d, {"X": X, "padding": (1, 2), "mode": mode}, dtype,
                      shape_hint=shape_hint(X.shape, (1, 2)), hint=MODE_HINTS[mode], mistakes=pad_mistakes)


@pytest.mark.points(1)
@pytest.mark.parametrize("mode", MODES)
def test_keeps_device(student, safe_device, mode):
    X = random_tensor((5, 6), seed=380)
    check_keeps_device(student, "pad2d", {"X": X, "padding": (2, 1), "mode": mode}, safe_device,
                       shape=(9, 8), shape_hint=shape_hint(X.shape, (2, 1)), reference=ref.pad2d,
                       hint=MODE_HINTS[mode], mistakes=pad_mistakes)
