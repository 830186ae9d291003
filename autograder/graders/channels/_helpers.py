"""Helpers shared by the ``channels`` graders (imported as
``autograder.graders.channels._helpers``, a unique module name, so that a helper module of
another assignment can never shadow this one inside one grading process).

The tensor questions of this assignment are all judged the same three ways, kept apart
so that each earns its own points (d2l's textbook code, which allocates with
``torch.zeros`` on the CPU in float32, earns the value points and loses only the
dtype/device ones):

* values against the reference in float64 (:func:`check_values`), for float and integer
  inputs;
* the floating dtype of the inputs is kept (:func:`check_keeps_dtype`);
* the result lives on the inputs' device, checked on ``meta`` (and CUDA when present)
  (:func:`check_keeps_device`).

The shape hints spell out d2l's output-size formula with the test's own numbers, and
:func:`diagnose` turns a wrong plain value into a hint naming the likely mistake.
"""
from __future__ import annotations

import torch

from convkit.grading.checks import (
    leaves,
    check_close,
    check_device,
    check_dtype,
    check_tensor,
    coarser,
    device_lesson,
    fail,
)
from convkit.grading.data import on
from convkit.grading.texts import call_text
from convkit.messages import message
from convkit.sandbox.client import StudentError

# ------------------------------------------------------------------------- sizes
def pair(value) -> tuple[int, int]:
    """An int or an (height, width) pair, as nn.Conv2d takes ``kernel_size``, ``padding``..."""
    return (value, value) if isinstance(value, int) else (int(value[0]), int(value[1]))


def size_formula(n: int, k: int, p: int = 0, s: int = 1) -> str:
    """d2l's output length with the test's numbers, e.g. 'floor((8 + 2*1 - 3) / 2) + 1 = 4'."""
    result = (n + 2 * p - k) // s + 1
    if p == 0 and s == 1:
        return f"{n} - {k} + 1 = {result}"
    padded = f"{n} + 2*{p} - {k}" if p else f"{n} - {k}"
    return f"floor(({padded}) / {s}) + 1 = {result}"


def output_shape_hint(input_shape, kernel_shape, padding=0, stride=1):
    """'output height should be ... and width ...' for a (padded, strided) correlation."""
    (h, w), (kh, kw), (ph, pw), (sh, sw) = input_shape, kernel_shape, pair(padding), pair(stride)
    return message("channels.hint.output_shape", height=size_formula(h, kh, ph, sh), width=size_formula(w, kw, pw, sw))


# ------------------------------------------------------------------------- values
def _float64(value, absolute: bool = False):
    """Tensors as float64 on the CPU (optionally their absolute values); other values as is."""
    if not isinstance(value, torch.Tensor):
        return value
    value = value.detach().to("cpu", torch.float64)
    return value.abs() if absolute else value


def check_values(student, name: str, reference, inputs: dict, *, terms: int = 1, shape_hint=None,
                 hint=None, reveal: bool = False, call=None, by_name: tuple = (), mistakes=None,
                 precision=None, shape_mistakes=()):
    """``name(*inputs.values())`` in the submission matches ``reference`` run in float64.

    ``inputs`` maps the stub's parameter names to values; they are passed by position
    (robust to a renamed parameter) except those listed in ``by_name`` (to leave an
    earlier default out, e.g. ``stride=2`` without ``padding``); feedback shows them by
    name. The tolerance scales with ``terms`` products per output element and with the
    same computation on absolute values (see the graders' README). ``mistakes(inputs64)``
    gives the known mistakes, ``(Message, value)``, for the float64 inputs (a dict).
    """
    call = call or call_text(name, **{k: v for k, v in inputs.items() if k not in by_name},
                             keywords={k: inputs[k] for k in by_name})
    args = [v for k, v in inputs.items() if k not in by_name]
    kwargs = {k: v for k, v in inputs.items() if k in by_name}
    value = reference(*(_float64(a) for a in args), **kwargs)
    magnitude = reference(*(_float64(a, absolute=True) for a in args), **kwargs)
    got = student.call(name, *args, **kwargs)
    known = mistakes({k: _float64(v) for k, v in inputs.items()}) if mistakes else []
    check_close(got, value, call, terms=terms, magnitude=magnitude, reveal=reveal, hint=hint,
                shape_hint=shape_hint, mistakes=known, precision=precision, shape_mistakes=shape_mistakes)
    return got


def check_keeps_dtype(student, name: str, reference, inputs: dict, dtype: torch.dtype, *,
                      terms: int = 1, shape_hint=None, hint=None, mistakes=None, shape_mistakes=()):
    """The result of floating inputs of ``dtype`` has right values *and* that dtype.

    Values are judged first, at the precision of the coarser of the result's dtype and
    ``dtype`` (a float16 answer is judged at float16's rounding, a float32 result for float64
    inputs at float32's): the dtype point is earned only by right values, and a right answer
    in the wrong dtype is told about its dtype, not about its last digits.
    """
    call = call_text(name, **inputs)
    got = student.call(name, *inputs.values())
    precision = coarser(got.dtype, dtype) if isinstance(got, torch.Tensor) else None
    value = reference(*(_float64(a) for a in inputs.values()))
    magnitude = reference(*(_float64(a, absolute=True) for a in inputs.values()))
    known = mistakes({k: _float64(v) for k, v in inputs.items()}) if mistakes else []
    check_close(got, value, call, terms=terms, magnitude=magnitude, hint=hint, shape_hint=shape_hint,
                mistakes=known, precision=precision, shape_mistakes=shape_mistakes)
    check_dtype(got, dtype, call, mistakes=leaves(student, [name], "dtype"))


def check_keeps_device(student, name: str, inputs: dict, device: str, shape, shape_hint=None, *, reference=None,
                       terms: int = 1, hint=None, mistakes=None, shape_mistakes=()):
    """On ``device`` (meta, or CUDA) the call runs, and returns a result of the expected
    shape on that device with the inputs' dtype (``meta`` exposes tensors made on the CPU).

    The point is earned only by code whose values are right: with ``reference``, the same
    call on the CPU is checked first (meta tensors have no values to compare)."""
    if reference is not None:
        check_values(student, name, reference, inputs, terms=terms, shape_hint=shape_hint, hint=hint,
                     mistakes=mistakes, shape_mistakes=shape_mistakes)
    moved = {k: (on(device, v) if isinstance(v, torch.Tensor) else v) for k, v in inputs.items()}
    call = call_text(name, **moved)
    off_device = leaves(student, [name], "device")
    got = check_tensor(_call_on_device(student, name, inputs, moved, call, off_device), call, shape=shape,
                       hint=shape_hint)
    check_device(got, device, call, mistakes=off_device)
    dtype = next(v.dtype for v in moved.values() if isinstance(v, torch.Tensor))
    check_dtype(got, dtype, call, mistakes=leaves(student, [name], "dtype"))


def _call_on_device(student, name: str, inputs: dict, moved: dict, call, off_device):
    """The call on the device; an error there is a device lesson only if the same call
    works on the CPU (otherwise the plain error is reported, as in every other test)."""
    try:
        return student.call(name, *moved.values())
    except StudentError as error:
        student.call(name, *inputs.values())  # an error here too is the plain bug it is
        device_lesson(error, call, tuple(moved.values()), off_device)


# ------------------------------------------------------------------------- plain values
def _plain(value):
    """Tuples, lists, torch.Size and 1-element tensors compare alike; any other tensor
    becomes its description, so comparing it never raises (and never equals a number)."""
    if isinstance(value, (list, tuple)):
        return tuple(_plain(v) for v in value)
    if isinstance(value, torch.Tensor):
        if value.numel() == 1 and value.device.type != "meta":
            return value.item()
        return f"a tensor of shape {tuple(value.shape)}"
    return value


def check_plain(got, expected, call, *, expected_text, mistakes, default_hint) -> None:
    """A plain value (a shape, a count) equals ``expected``; every known mistake that gives
    the same wrong value is a candidate (``mistakes``: ``(Message, the value it gives)``), and
    the one every failing case agrees on is named (:mod:`convkit.grading.findings`).

    The expected value of a hidden case is not shown (``expected_text`` says what was
    expected in words); the hint says how to find it.
    """
    if _plain(got) == _plain(expected):
        return
    shown = f"a tensor of shape {tuple(got.shape)}" if isinstance(got, torch.Tensor) else repr(got)
    matched = []
    for mistake, wrong in mistakes:
        if _plain(wrong) != _plain(expected) and _plain(got) == _plain(wrong) and mistake not in matched:
            matched.append(mistake)
    fail(call, expected_text, shown[:120], default_hint, mistakes=matched, kind="value")
