"""Checks that hidden graders use, each failing with feedback a student can act on.

Every failure is a :class:`Feedback` carrying a :class:`~convkit.grading.failures.Failure`:
what was called, what was expected, what came back, and a hint, each a keyed
:class:`~convkit.messages.Message` (see :mod:`convkit.messages`). Hidden expected *values*
are never printed (only shapes, dtypes, devices and where values differ) unless a test
passes ``reveal=True`` for an example the student already has (d2l's worked examples).

**Diagnose before hinting.** The checks look at a result in the order a person would:
is it a tensor, of the right shape, dtype and device, and only then are its values right;
the first thing that is wrong is what the student reads. Where values are wrong, a grader
passes *known mistakes* (``mistakes=[(message("mistake.flipped_kernel", ...), value)]``):
the outputs those mistakes give on the same inputs, computed in the grader. Every mistake
whose output equals the student's becomes a candidate; :mod:`convkit.grading.findings`
names the one every failing case agrees on. A few mistakes are recognised for any tensor
result: a float64 result with only float32 accuracy, a result that is zero everywhere.

Tolerance policy (see also ``autograder/graders/README.md``): the reference is computed
in float64; a student's floating result of dtype ``D`` may differ from it elementwise by

    8 * terms * eps(D) * magnitude + tiny(D)

where ``terms`` is the number of products summed into one output element and
``magnitude`` is the same sum computed on absolute values (the classic bound on the
rounding error of a dot product, with slack 8). Integer results must be exact.

A grader test typically calls the student, then checks the result in separate tests for
values, dtype and device, so each earns its own points; dtype and device points are
earned only by a call whose values are right too::

    @pytest.mark.points(3)
    def test_random_shapes(student, device):
        X, K = random_tensor((5, 6), seed=1, device=device), random_tensor((2, 3), seed=2, device=device)
        call = call_text("corr2d", X=X, K=K)
        check_close(student.call("corr2d", X, K), ref.corr2d(X.double(), K.double()), call, terms=6,
                    magnitude=ref.corr2d(X.double().abs(), K.double().abs()))
"""
from __future__ import annotations

import torch

from convkit.grading.failures import Failure, Feedback
from convkit.grading.texts import describe_result, describe_value, dtype_name
from convkit.messages import Message, message
from convkit.sandbox.client import StudentError
from convkit.submission import location_message

__all__ = ["Feedback", "Failure", "fail", "check_tensor", "check_dtype", "check_device", "check_close",
           "check_equal", "expect_error", "device_safe_call", "tolerance", "values_match", "DEVICE_HINT",
           "DTYPE_HINT", "allocation_mistakes", "leaves", "raised"]

#: Safety factor over the textbook rounding-error bound.
TOLERANCE_SLACK = 8.0

#: The rule for keeping the input's device (a hint, not a named mistake).
DEVICE_HINT = message("hint.keep_device")
#: The rule for keeping the input's dtype.
DTYPE_HINT = message("hint.keep_dtype")


def fail(call, expected, got, hint=None, *, mistakes=(), kind: str = "values") -> None:
    """Fail the test with feedback in the kit's layout: the call, what was expected, what came back, a hint.

    ``expected``, ``got`` and ``hint`` are :class:`~convkit.messages.Message` s (or plain
    text); ``mistakes`` are named mistakes this answer matches (most likely first), or a
    function returning them (called only here, when the check has failed). Example::

        fail("same_padding(4)", message("output_shape.expected_value_error", reason=...),
             message("check.returned", value="2"), message("output_shape.hint_even_kernel"), kind="value")

    shows the student::

        same_padding(4)
          expected: ValueError (an even kernel cannot keep the size)
          got:      it returned 2
          hint: raise ValueError when kernel_size is even
    """
    mistakes = mistakes() if callable(mistakes) else mistakes  # computed only when something failed
    raise Feedback(Failure(call, expected, got, hint or None, [m for m in mistakes if m is not None], kind))


# ------------------------------------------------------------------------- tensors
def check_tensor(got, call, *, shape=None, hint=None, shape_mistakes=()) -> torch.Tensor:
    """``got`` is a tensor (of ``shape``, if given); returns it for further checks.

    Example: ``Y = check_tensor(student.call("corr2d", X, K), call, shape=(5, 5))`` fails with
    ``expected: shape (5, 5)`` / ``got: shape (4, 4)``, or ``got: None (did you forget to return
    the result?)``. ``shape_mistakes`` are ``(Message, shape)`` pairs: known mistakes and the
    shape each gives (``(h - kh, w - kw)`` for a range one short).
    """
    if not isinstance(got, torch.Tensor):
        expected = message("check.a_tensor_of_shape", shape=tuple(shape)) if shape is not None else message(
            "check.a_tensor")
        fail(call, expected, describe_result(got), hint or message("hint.return_tensor"), kind="type")
    if shape is not None and tuple(got.shape) != tuple(shape):
        matched = [m for m, wrong in shape_mistakes if tuple(wrong) == tuple(got.shape) != tuple(shape)]
        fail(call, message("check.shape", shape=tuple(shape)), message("check.shape", shape=tuple(got.shape)), hint,
             mistakes=matched, kind="shape")
    return got


def check_dtype(got, dtype: torch.dtype, call, hint=None, *, mistakes=()) -> None:
    """``got`` is a tensor of ``dtype`` (the input's: results keep a floating input's dtype).

    Example: ``check_dtype(student.call("corr2d", X64, K64), torch.float64, call)``; the
    default hint teaches ``dtype=X.dtype``. Judge the values first (``check_close`` with
    ``precision=``): a dtype point is earned only by right values.
    """
    check_tensor(got, call)
    if got.dtype != dtype:
        fail(call, message("check.dtype_expected", dtype=dtype_name(dtype)), message("check.dtype", dtype=dtype_name(got.dtype)),
             hint or DTYPE_HINT, mistakes=mistakes, kind="dtype")


def check_device(got, device, call, hint=None, *, mistakes=()) -> None:
    """``got`` is a tensor on ``device``'s type (``"meta"``, ``"cuda"``), the inputs' device.

    Example: ``check_device(student.call("pad2d", X.to("meta"), 1), "meta", call)``. Code that
    fails on the device instead of returning is :func:`device_safe_call`'s business.
    """
    check_tensor(got, call)
    expected = torch.device(device)
    if got.device.type != expected.type:
        fail(call, message("check.device_expected", device=expected.type), message("check.device", device=got.device.type),
             hint or DEVICE_HINT, mistakes=mistakes, kind="device")


def tolerance(dtype: torch.dtype, terms: int, magnitude) -> torch.Tensor | float:
    """Allowed elementwise error for a result of ``dtype`` (see the module docstring); 0 for integers.

    Example: ``tolerance(torch.float32, terms=9, magnitude=torch.tensor(2.0))`` is about
    ``8 * 9 * 1.19e-07 * 2 = 1.7e-05``; graders that compare by hand (a kernel's response)
    use it so their allowance matches :func:`check_close`'s.
    """
    if not dtype.is_floating_point:
        return 0.0
    info = torch.finfo(dtype)
    return TOLERANCE_SLACK * max(int(terms), 1) * info.eps * magnitude + info.tiny


def coarser(*dtypes: torch.dtype) -> torch.dtype:
    """The floating dtype with the largest rounding among ``dtypes`` (integers count as exact)."""
    floating = [d for d in dtypes if d.is_floating_point]
    return max(floating, key=lambda d: torch.finfo(d).eps) if floating else dtypes[0]


def values_match(got, value, *, terms: int = 1, magnitude=None, dtype=None) -> bool:
    """Whether tensor ``got`` equals ``value`` (float64) within the tolerance of ``dtype``
    (default ``got``'s); False for anything that is not a tensor of that shape with values."""
    if not isinstance(got, torch.Tensor) or not isinstance(value, torch.Tensor) or got.device.type == "meta":
        return False
    if tuple(got.shape) != tuple(value.shape) or got.is_complex():
        return False
    actual = got.detach().to("cpu", torch.float64)
    reference = value.detach().to("cpu", torch.float64)
    magnitude = reference.abs() if magnitude is None else torch.as_tensor(magnitude, dtype=torch.float64)
    allowed = tolerance(dtype or got.dtype, terms, magnitude)
    return bool(((actual - reference).abs() <= allowed).all())


def check_close(got, expected: torch.Tensor, call, *, terms: int = 1, magnitude=None, reveal: bool = False,
                hint=None, shape_hint=None, mistakes=(), shape_mistakes=(), precision=None) -> None:
    check_shape_mistakes = shape_mistakes
    """Values of ``got`` match the float64 ``expected`` within :func:`tolerance`.

    ``terms`` is how many products are summed into one output element (``kh * kw`` for a
    correlation) and ``magnitude`` the same computation on absolute values (default
    ``|expected|``). ``reveal=True`` prints both tensors: only for examples the student
    already has. ``mistakes`` are ``(Message, value)`` pairs (``value`` a tensor or a
    function returning one, computed only when the answer is wrong): known mistakes and
    what each gives on these inputs; a bare Message is a mistake the grader established
    another way (from the source, from another call). ``precision`` is the dtype whose rounding is allowed
    (default ``got``'s; a dtype test passes the coarser of ``got``'s and the input's, so a
    result in the wrong dtype is judged by its dtype, not by its last digits). Example::

        check_close(got, ref.corr2d(X.double(), K.double()), call, terms=K.numel(),
                    magnitude=ref.corr2d(X.double().abs(), K.double().abs()),
                    mistakes=[(message("mistake.flipped_kernel", name="corr2d"),
                               lambda: ref.corr2d(X.double(), K.double().flip(0, 1)))])

    fails with ``got: 3 of 20 values wrong (largest error 1 at index [0, 2])`` and, when the
    answer equals the flipped kernel's, names that mistake.

    Only values are judged here (dtype and device have their own checks and points), so a
    result of another dtype or on another device is compared after moving it to float64 CPU.
    """
    if isinstance(got, torch.Tensor) and tuple(got.shape) != tuple(expected.shape) and got.device.type != "meta":
        # A wrong shape that a known mistake explains, values and all, comes first.
        shape_mistakes = [(m, tuple(got.shape)) for m in matching_mistakes(got, None, None, terms, mistakes)]
        if got.dim() == 2 == expected.dim() and values_match(got.T, expected, terms=terms):
            shape_mistakes.append((message("mistake.transposed_result"), tuple(got.shape)))
        shape_mistakes += list(check_shape_mistakes)  # known by their values first, by their shape only last
    else:
        shape_mistakes = list(check_shape_mistakes)
    check_tensor(got, call, shape=tuple(expected.shape), hint=shape_hint, shape_mistakes=shape_mistakes)
    if got.device.type == "meta":
        fail(call, message("check.a_tensor_with_values"), message("check.meta_result"),
             message("hint.compute_from_inputs"), kind="values")
    actual = got.detach().to("cpu", torch.float64)
    reference = expected.detach().to("cpu", torch.float64)
    magnitude = reference.abs() if magnitude is None else torch.as_tensor(magnitude, dtype=torch.float64)
    allowed = tolerance(precision or got.dtype, terms, magnitude)
    difference = (actual - reference).abs()
    bad = ~(difference <= allowed)  # NaN counts as bad
    if not bool(bad.any()):
        return
    matched = matching_mistakes(got, reference, magnitude, terms, mistakes)
    fail(call, _expected_text(reference, reveal), _got_text(actual, difference, bad, reveal), hint,
         mistakes=matched, kind="values")


def matching_mistakes(got, reference, magnitude, terms, mistakes) -> list[Message]:
    """The named mistakes whose output equals ``got``: the grader's, then the generic ones
    (``reference`` None: only the grader's, for a result of the wrong shape)."""
    matched = []
    for entry in mistakes:
        if isinstance(entry, Message):  # established by the grader another way (e.g. from the source)
            matched.append(entry)
            continue
        mistake, value = entry
        value = value() if callable(value) else value
        if value is None or mistake in matched:
            continue
        value = torch.as_tensor(value, dtype=torch.float64)
        if tuple(value.shape) != tuple(got.shape):
            continue
        if reference is not None and values_match(value, reference, terms=terms, magnitude=magnitude,
                                                  dtype=got.dtype):
            continue  # this mistake gives the right answer here: it says nothing
        scale = value.abs() if magnitude is None else magnitude + value.abs()
        if values_match(got, value, terms=terms, magnitude=scale):
            matched.append(mistake)
    if reference is None:
        return matched
    if got.dtype == torch.float64 and values_match(got, reference, terms=terms, magnitude=magnitude,
                                                   dtype=torch.float32):
        matched.append(message("mistake.float32_precision"))
    if not got.is_complex() and bool((got == 0).all()) and bool((reference != 0).any()):
        matched.append(message("mistake.all_zeros"))
    return matched


def _expected_text(reference: torch.Tensor, reveal: bool) -> Message:
    if reveal:
        return message("check.literal", value=_tensor_text(reference))
    return message("check.reference_values", shape=tuple(reference.shape))


def _got_text(actual: torch.Tensor, difference: torch.Tensor, bad: torch.Tensor, reveal: bool) -> Message:
    count, total = int(bad.sum()), bad.numel()
    worst = torch.where(torch.isnan(difference), torch.full_like(difference, float("inf")), difference)
    position = [int(i) for i in torch.unravel_index(worst.argmax(), worst.shape)] if worst.dim() else []
    summary = message("check.values_wrong", count=count, total=total, error=f"{float(worst.max()):.3g}",
                      index=str(position))
    return message("check.revealed_got", value=_tensor_text(actual), summary=summary) if reveal else summary


def _tensor_text(t: torch.Tensor) -> str:
    values = t.tolist()
    if t.dtype == torch.float64 and bool((t == t.round()).all()):
        values = t.long().tolist()
    text = str(values)
    return text if len(text) <= 200 else text[:197] + "..."


# ------------------------------------------------------------------------- plain values
def check_equal(got, expected, call, *, hint=None, reveal: bool = True, mistakes=()) -> None:
    """Plain Python values (ints, tuples): equal, with tuples and lists treated alike.

    Example: ``check_equal(student.call("conv_weight_shape", 4, 6, 3), (6, 4, 3, 3), call)``
    accepts ``[6, 4, 3, 3]`` and ``torch.Size([6, 4, 3, 3])`` too; ``reveal=False`` hides the
    expected value (a hidden case), showing ``expected: the reference value``. ``mistakes``
    are ``(Message, value)`` pairs, as for :func:`check_close`.
    """
    plain_got, plain_expected = normalise(got), normalise(expected)
    if plain_got == plain_expected:
        return
    matched = [m for m, wrong in mistakes if plain_expected != normalise(wrong) == plain_got]
    shown = message("check.literal", value=repr(expected)) if reveal else message("check.reference_value")
    fail(call, shown, message("check.literal", value=describe_value(got, limit=120)), hint, mistakes=matched,
         kind="value")


def normalise(value):
    """Tuples, lists, torch.Size and one-element tensors compare alike."""
    if isinstance(value, (list, tuple)):
        return tuple(normalise(v) for v in value)
    if isinstance(value, torch.Tensor) and value.numel() == 1 and value.device.type != "meta":
        return value.item()
    return value


def expect_error(student, name: str, args: tuple, error_type: str, call, hint=None, kwargs=None,
                 mistakes=None) -> None:
    """Calling ``name(*args, **kwargs)`` in the submission raises ``error_type`` or a subclass of it.

    Example: ``expect_error(student, "same_padding", (4,), "ValueError", "same_padding(4)")``
    fails with ``got: it returned 2`` or ``got: TypeError: ...``. ``error_type`` is a name:
    the student's exception never leaves the sandbox, only its class names do. ``mistakes``,
    a function of what the call returned, names the mistakes a returned value shows.
    """
    try:
        got = student.call(name, *args, **(kwargs or {}))
    except StudentError as error:
        if error.is_a(error_type):
            return
        fail(call, message("check.raises", error=error_type),
             message("check.raised", error=f"{error.type_name}: {error.message[:120]}"), hint, kind="value")
    fail(call, message("check.raises", error=error_type), message("check.returned", value=describe_value(got, limit=120)),
         hint, mistakes=mistakes(got) if mistakes else (), kind="value")


def device_safe_call(student, name: str, *args, call, mistakes=(), **kwargs):
    """Call ``name`` on tensors of a non-CPU device; an error becomes a device-safety lesson.

    Example: ``Y = device_safe_call(student, "corr2d", X.to("meta"), K.to("meta"), call=call)``
    then ``check_device(Y, "meta", call)``. An error that the same call also raises on the
    CPU is reported as the plain bug it is, not as a device problem. ``mistakes`` name what in
    the code leaves the device (:func:`allocation_mistakes`).

    On the ``meta`` device (no data) code that creates a tensor on the CPU and then mixes it
    with the inputs fails; on CUDA it fails with a device mismatch. Both mean the same fix.
    """
    try:
        return student.call(name, *args, **kwargs)
    except StudentError as error:
        _raise_if_fails_on_cpu_too(student, name, args, kwargs)
        device_lesson(error, call, args, mistakes)


def device_lesson(error: StudentError, call, args, mistakes=()) -> None:
    """Fail ``call``, whose ``error`` on a non-CPU device did not happen on the CPU, as a device lesson."""
    device = next((a.device.type for a in args if isinstance(a, torch.Tensor)), "cpu")
    fail(call, message("check.device_expected", device=device), raised(error), DEVICE_HINT, mistakes=mistakes,
         kind="device")


def raised(error: StudentError, limit: int = 160) -> Message:
    """What came back when the student's code raised: the error as Python wrote it (cut to ``limit``
    characters) and where in the student's code, that place in the reader's language."""
    text = f"{error.type_name}: {error.message[:limit]}"
    if error.where:
        return message("check.raised_at", error=text, where=location_message(error.where))
    return message("check.raised", error=text)


def _raise_if_fails_on_cpu_too(student, name: str, args, kwargs) -> None:
    """An error that also happens on the CPU is a plain bug, not a device problem: report it as such.

    Meta tensors become zeros on the CPU (same shape and dtype), which any correct code accepts.
    """
    def on_cpu(value):
        if isinstance(value, torch.Tensor):
            return torch.zeros(value.shape, dtype=value.dtype) if value.device.type == "meta" else value.cpu()
        return value

    student.call(name, *[on_cpu(a) for a in args], **{k: on_cpu(v) for k, v in kwargs.items()})


# ------------------------------------------------------------------------- what the source says
def leaves(student, names, want: str):
    """:func:`allocation_mistakes` as a function, for ``mistakes=``: the source is read only if a
    check fails."""
    return lambda: allocation_mistakes(student, names, want)


def allocation_mistakes(student, names, want: str) -> list[Message]:
    """Named mistakes, read from the submitted source of ``names`` (and the helpers they call),
    that make a result leave the inputs' device (``want="device"``) or dtype (``"dtype"``).

    Only what the code really does is named: a NumPy round trip (``.numpy()``,
    ``torch.from_numpy``), ``.cpu()``, ``.item()`` / ``.tolist()``, and tensor factories
    (``torch.zeros(...)`` and friends) called without ``device=`` / ``dtype=``.
    """
    facts = student.source(*names)
    found = []
    if want == "device":
        if facts.names & {"numpy", "from_numpy"}:
            found.append(message("mistake.numpy_round_trip"))
        if "cpu" in facts.names:
            found.append(message("mistake.moves_to_cpu"))
    for call in facts.factory_calls:
        if want == "device" and not call.device:
            found.append(message("mistake.factory_without_device", factory=call.name,
                                 where=location_message(call.where)))
        if want == "dtype" and not call.dtype and call.name not in ("tensor", "arange"):
            found.append(message("mistake.factory_without_dtype", factory=call.name,
                                 where=location_message(call.where)))
    return found
