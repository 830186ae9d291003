"""What a failed grader test found, in structured form: the :class:`Failure` a test raises
(through :class:`Feedback`) and every result keeps.

A failure says what was called, what was expected, what came back and a hint, each a
:class:`~convkit.messages.Message` (or, from a grader written without the catalogue, plain
text). It may also carry *candidate mistakes*: named mistakes (``mistake.flipped_kernel``...)
whose output the grader computed and found equal to the student's. A result may match
several on one input; :mod:`convkit.grading.findings` keeps the one that every failing
case of the question agrees on, so the hint a student reads is true of all the evidence.

Kept free of torch: the batch's main process renders feedback and reports from stored
results.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from convkit.messages import Message, message, render

#: What went wrong, for grouping failures and for the TA's report.
KINDS = ("type", "shape", "dtype", "device", "values", "value", "error", "not_implemented", "not_defined",
         "not_attempted", "timeout", "skipped", "crash", "memory", "grader_error", "other")

#: Kinds that are about the submission as a whole, not about one test's values.
RUN_KINDS = frozenset({"not_implemented", "not_defined", "not_attempted", "timeout", "skipped", "crash",
                       "memory", "grader_error"})


def is_mistake(hint) -> bool:
    """Whether ``hint`` names a known mistake (its key has a ``mistake`` part) rather than a rule."""
    return isinstance(hint, Message) and "mistake" in hint.key.split(".")


@dataclass
class Failure:
    """One failed check: the call, what was expected, what came back, a hint."""

    call: object = ""
    """What was called, as feedback shows it (``corr2d(X, K) with X: tensor 6×8 float32 on cpu, ...``)."""
    expected: object = None
    """What was expected (a Message or text), or None."""
    got: object = None
    """What came back, or None."""
    hint: object = None
    """Advice that holds for any answer failing this way (a rule), or None."""
    mistakes: list = field(default_factory=list)
    """Named mistakes whose output equals this answer's, most likely first (Messages)."""
    kind: str = "other"
    """What was wrong (one of :data:`KINDS`)."""
    traceback: str = ""
    """A grader error's traceback (for the TA's results file only; never shown to students)."""
    function: str = ""
    """For run problems (a stub, a time-out), the student's function concerned."""

    @property
    def shown_hint(self):
        """The hint shown when nothing else decides: the most likely named mistake, else the rule."""
        return self.mistakes[0] if self.mistakes else self.hint

    def lines(self, hint=None, language: str = "en") -> list[str]:
        """The kit's layout: the call, then indented expected / got / hint lines."""
        hint = self.shown_hint if hint is None else hint
        lines = [render(self.call, language)] if self.call else []
        for key, value in (("failure.expected", self.expected), ("failure.got", self.got), ("failure.hint", hint)):
            if value is not None and value != "":
                lines.append("  " + render(message(key, value=value), language))
        return lines

    def text(self, hint=None, language: str = "en") -> str:
        return "\n".join(self.lines(hint, language))

    def to_dict(self) -> dict:
        data = {"kind": self.kind, "call": _plain(self.call), "expected": _plain(self.expected),
                "got": _plain(self.got), "hint": _plain(self.hint), "mistakes": [_plain(m) for m in self.mistakes]}
        if self.traceback:
            data["traceback"] = self.traceback
        if self.function:
            data["function"] = self.function
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Failure":
        return cls(call=_structured(data.get("call", "")), expected=_structured(data.get("expected")),
                   got=_structured(data.get("got")), hint=_structured(data.get("hint")),
                   mistakes=[_structured(m) for m in data.get("mistakes", [])], kind=data.get("kind", "other"),
                   traceback=data.get("traceback", ""), function=data.get("function", ""))


def _plain(value):
    return value.to_dict() if isinstance(value, Message) else value


def _structured(value):
    return Message.from_dict(value) if isinstance(value, dict) and "key" in value else value


class Feedback(AssertionError):
    """A failed check; the student reads its :class:`Failure`.

    Raise it through :func:`convkit.grading.checks.fail` (which builds the failure), or with
    a failure of another shape: ``raise Feedback(Failure(call, got=message(...), kind="value"))``.
    A plain string is accepted too (shown as is), for graders written without the catalogue.
    """

    def __init__(self, failure):
        if not isinstance(failure, Failure):
            failure = Failure(got=failure) if not isinstance(failure, str) else Failure(call=failure)
        self.failure = failure
        super().__init__(failure.text())
