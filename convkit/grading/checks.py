"""Checks that hidden graders use, each failing with feedback a student can act on.

Every failure is a :class:`Feedback` whose message is shown to the student verbatim: what
was called, what was expected, what came back, and a hint. Hidden expected *values* are
never printed (only shapes, dtypes, devices and where values differ) unless a test passes
``reveal=True`` for an example the student already has (d2l's worked examples).

Tolerance policy (see also ``autograder/graders/README.md``): the reference is computed
in float64; a student's floating result of dtype ``D`` may differ from it elementwise by

    8 * terms * eps(D) * magnitude + tiny(D)

where ``terms`` is the number of products summed into one output element and
``magnitude`` is the same sum computed on absolute values (the classic bound on the
rounding error of a dot product, with slack 8). Integer results must be exact.

A grader test typically calls the student, then checks the result in separate tests for
values, dtype and device, so each earns its own points::

    @pytest.mark.points(3)
    def test_random_shapes(student, device):
        X, K = random_tensor((5, 6), seed=1, device=device), random_tensor((2, 3), seed=2, device=device)
        call = call_text("corr2d", X=X, K=K)
        check_close(student.call("corr2d", X, K), ref.corr2d(X.double(), K.double()), call, terms=6,
                    magnitude=ref.corr2d(X.double().abs(), K.double().abs()))
"""
from __future__ import annotations

import torch

from convkit.grading.texts import describe_result, describe_value, dtype_name
from convkit.sandbox.client import StudentError

#: Safety factor over the textbook rounding-error bound.
TOLERANCE_SLACK = 8.0


class Feedback(AssertionError):
    """A failed check; its message is the feedback shown to the student.

    Raise it through :func:`fail` (which lays the message out), or directly for a message of
    another shape: ``raise Feedback("diagonal_responses() must not call print")``.
    """


def fail(call: str, expected: str, got: str, hint: str = "") -> None:
    """Fail the test with feedback in the kit's layout: the call, what was expected, what came back, a hint.

    Example::

        fail("same_padding(4)", "ValueError (an even kernel cannot keep the size)", "it returned 2",
             "raise ValueError when kernel_size is even")

    shows the student::

        same_padding(4)
          expected: ValueError (an even kernel cannot keep the size)
          got:      it returned 2
          hint: raise ValueError when kernel_size is even
    """
    lines = [call, f"  expected: {expected}", f"  got:      {got}"]
    if hint:
        lines.append(f"  hint: {hint}")
    raise Feedback("\n".join(lines))


# ------------------------------------------------------------------------- tensors
def check_tensor(got, call: str, *, shape=None, hint: str = "") -> torch.Tensor:
    """``got`` is a tensor (of ``shape``, if given); returns it for further checks.

    Example: ``Y = check_tensor(student.call("corr2d", X, K), call, shape=(5, 5))`` fails with
    ``expected: shape (5, 5)`` / ``got: shape (4, 4)``, or ``got: None (did you forget to return
    the result?)``.
    """
    if not isinstance(got, torch.Tensor):
        fail(call, "a tensor" + (f" of shape {tuple(shape)}" if shape is not None else ""), describe_result(got),
             hint or "return a torch.Tensor")
    if shape is not None and tuple(got.shape) != tuple(shape):
        fail(call, f"shape {tuple(shape)}", f"shape {tuple(got.shape)}", hint)
    return got


def check_dtype(got, dtype: torch.dtype, call: str, hint: str = "") -> None:
    """``got`` is a tensor of ``dtype`` (the input's: results keep a floating input's dtype).

    Example: ``check_dtype(student.call("corr2d", X64, K64), torch.float64, call)``; the
    default hint teaches ``dtype=X.dtype``.
    """
    check_tensor(got, call)
    if got.dtype != dtype:
        fail(call, f"dtype {dtype_name(dtype)} (the input's dtype)", f"dtype {dtype_name(got.dtype)}",
             hint or "create new tensors with dtype=X.dtype (e.g. torch.zeros(..., dtype=X.dtype, device=X.device)) "
                     "or build the result from operations on the inputs")


def check_device(got, device, call: str, hint: str = "") -> None:
    """``got`` is a tensor on ``device``'s type (``"meta"``, ``"cuda"``), the inputs' device.

    Example: ``check_device(student.call("pad2d", X.to("meta"), 1), "meta", call)``. Code that
    fails on the device instead of returning is :func:`device_safe_call`'s business.
    """
    check_tensor(got, call)
    expected = torch.device(device)
    if got.device.type != expected.type:
        fail(call, f"a result on the input's device ({expected.type})", f"a result on {got.device.type}",
             hint or DEVICE_HINT)


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


def check_close(got, expected: torch.Tensor, call: str, *, terms: int = 1, magnitude=None,
                reveal: bool = False, hint: str = "", shape_hint: str = "") -> None:
    """Values of ``got`` match the float64 ``expected`` within :func:`tolerance`.

    ``terms`` is how many products are summed into one output element (``kh * kw`` for a
    correlation) and ``magnitude`` the same computation on absolute values (default
    ``|expected|``). ``reveal=True`` prints both tensors: only for examples the student
    already has. Example::

        check_close(got, ref.corr2d(X.double(), K.double()), call, terms=K.numel(),
                    magnitude=ref.corr2d(X.double().abs(), K.double().abs()))

    fails with ``got: 3 of 20 values wrong (largest error 1 at index [0, 2])``.

    Only values are judged here (dtype and device have their own checks and points), so a
    result of another dtype or on another device is compared after moving it to float64 CPU.
    """
    check_tensor(got, call, shape=tuple(expected.shape), hint=shape_hint)
    if got.device.type == "meta":
        fail(call, "a tensor with values", "a meta tensor (no values)", "compute the result from the inputs")
    actual = got.detach().to("cpu", torch.float64)
    reference = expected.detach().to("cpu", torch.float64)
    if magnitude is None:
        magnitude = reference.abs()
    allowed = tolerance(got.dtype, terms, torch.as_tensor(magnitude, dtype=torch.float64))
    difference = (actual - reference).abs()
    bad = ~(difference <= allowed)  # NaN counts as bad
    if not bool(bad.any()):
        return
    fail(call, _expected_text(reference, reveal), _got_text(actual, difference, bad, reveal), hint)


def _expected_text(reference: torch.Tensor, reveal: bool) -> str:
    if reveal:
        return _tensor_text(reference)
    return f"values matching the reference (shape {tuple(reference.shape)})"


def _got_text(actual: torch.Tensor, difference: torch.Tensor, bad: torch.Tensor, reveal: bool) -> str:
    count, total = int(bad.sum()), bad.numel()
    worst = torch.where(torch.isnan(difference), torch.full_like(difference, float("inf")), difference)
    position = tuple(int(i) for i in torch.unravel_index(worst.argmax(), worst.shape)) if worst.dim() else ()
    summary = f"{count} of {total} values wrong (largest error {float(worst.max()):.3g} at index {list(position)})"
    return f"{_tensor_text(actual)} — {summary}" if reveal else summary


def _tensor_text(t: torch.Tensor) -> str:
    values = t.tolist()
    if t.dtype == torch.float64 and bool((t == t.round()).all()):
        values = t.long().tolist()
    text = str(values)
    return text if len(text) <= 200 else text[:197] + "..."


# ------------------------------------------------------------------------- plain values
def check_equal(got, expected, call: str, *, hint: str = "", reveal: bool = True) -> None:
    """Plain Python values (ints, tuples): equal, with tuples and lists treated alike.

    Example: ``check_equal(student.call("conv_weight_shape", 4, 6, 3), (6, 4, 3, 3), call)``
    accepts ``[6, 4, 3, 3]`` and ``torch.Size([6, 4, 3, 3])`` too; ``reveal=False`` hides the
    expected value (a hidden case), showing ``expected: the reference value``.
    """
    if _normalise(got) == _normalise(expected):
        return
    fail(call, repr(expected) if reveal else "the reference value", describe_value(got, limit=120), hint)


def _normalise(value):
    if isinstance(value, (list, tuple)):
        return tuple(_normalise(v) for v in value)
    if isinstance(value, torch.Tensor) and value.numel() == 1 and value.device.type != "meta":
        return value.item()
    return value


def expect_error(student, name: str, args: tuple, error_type: str, call: str, hint: str = "", kwargs=None) -> None:
    """Calling ``name(*args, **kwargs)`` in the submission raises ``error_type`` or a subclass of it.

    Example: ``expect_error(student, "same_padding", (4,), "ValueError", "same_padding(4)")``
    fails with ``got: it returned 2`` or ``got: TypeError: ...``. ``error_type`` is a name:
    the student's exception never leaves the sandbox, only its class names do.
    """
    try:
        got = student.call(name, *args, **(kwargs or {}))
    except StudentError as error:
        if error.is_a(error_type):
            return
        fail(call, f"{error_type} to be raised", f"{error.type_name}: {error.message[:120]}", hint)
    fail(call, f"{error_type} to be raised", f"it returned {describe_value(got, limit=120)}", hint)


DEVICE_HINT = ("create every new tensor on the input's device and with its dtype, e.g. "
               "torch.zeros(shape, device=X.device, dtype=X.dtype), or build the result from "
               "operations on X and K only")


def device_safe_call(student, name: str, *args, call: str, **kwargs):
    """Call ``name`` on tensors of a non-CPU device; an error becomes a device-safety lesson.

    Example: ``Y = device_safe_call(student, "corr2d", X.to("meta"), K.to("meta"), call=call)``
    then ``check_device(Y, "meta", call)``. An error that the same call also raises on the
    CPU is reported as the plain bug it is, not as a device problem.

    On the ``meta`` device (no data) code that creates a tensor on the CPU and then mixes it
    with the inputs fails; on CUDA it fails with a device mismatch. Both mean the same fix.
    """
    try:
        return student.call(name, *args, **kwargs)
    except StudentError as error:
        _raise_if_fails_on_cpu_too(student, name, args, kwargs)
        device = next((a.device.type for a in args if isinstance(a, torch.Tensor)), "cpu")
        fail(call, f"a result on the {device} device, like the inputs",
             f"{error.type_name}: {error.message[:160]}" + (f" (at {error.where})" if error.where else ""),
             DEVICE_HINT)


def _raise_if_fails_on_cpu_too(student, name: str, args, kwargs) -> None:
    """An error that also happens on the CPU is a plain bug, not a device problem: report it as such.

    Meta tensors become zeros on the CPU (same shape and dtype), which any correct code accepts.
    """
    def on_cpu(value):
        if isinstance(value, torch.Tensor):
            return torch.zeros(value.shape, dtype=value.dtype) if value.device.type == "meta" else value.cpu()
        return value

    student.call(name, *[on_cpu(a) for a in args], **{k: on_cpu(v) for k, v in kwargs.items()})
