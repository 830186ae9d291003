"""One finding per mistake: the failing tests of a question, folded.

A question's grader runs many tests (a test function over several shapes, dtypes and
devices). A student reads *findings*: the failing tests that share a cause, folded into
one item with one example and one hint, and the points they cost::

    random_shapes (6 of 7 cases), keeps_dtype (2 of 2 cases): -3.57 points
        corr2d(X, K) with X: tensor 6×8 float32 on cpu, K: tensor 1×2 float32 on cpu
          expected: values matching the reference (shape (6, 7))
          got:      42 of 42 values wrong (largest error 6.86 at index [0, 4])
          hint: your result equals the cross-correlation with the kernel flipped ...

**Which mistake is named.** A failing test may match several known mistakes on its inputs
(with a 1×1 kernel, a flipped and an unflipped kernel agree). Of the mistakes a test's
result matches, the one named is the one that explains the most failing cases of the
question (ties: the test's own most likely one). So where one mistake explains every
failure, every failure names it, and a coincidence on one input does not win.

**How failures fold.** Tests naming the same mistake fold together, across test functions;
so do tests that failed for the same run problem (a function left as its stub, a function
that did not return, a grader error) and tests where the same function of the student's
raised; other failures fold per test function and hint.

Torch-free: reports are written in the batch's main process.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from convkit.grading.failures import RUN_KINDS, Failure, is_mistake
from convkit.messages import Message, message, render


@dataclass
class Finding:
    """Failing tests of one question that share a cause."""

    question: str
    example: Failure  # the first failing test's failure
    hint: object  # the hint shown (a named mistake or a rule), a Message, text or None
    tests: list = field(default_factory=list)  # the folded TestResults
    totals: dict = field(default_factory=dict)  # test function -> how many cases it has

    @property
    def kind(self) -> str:
        return self.example.kind

    @property
    def lost(self) -> float:
        return round(sum(t.max_points - t.points for t in self.tests), 6)

    @property
    def named_mistake(self) -> bool:
        return is_mistake(self.hint)

    @property
    def key(self) -> str:
        """What the TA's report groups by: the named mistake or hint, else what kind of failure it is."""
        if self.kind in RUN_KINDS:
            return f"run.{self.kind}"
        if isinstance(self.hint, Message):
            return self.hint.key
        return f"kind.{self.kind}"

    def heading(self, language: str = "en") -> str:
        """``random_shapes (6 of 7 cases), keeps_dtype (2 of 2 cases): -3.57 points``."""
        failed: dict[str, int] = {}
        for test in self.tests:
            function = function_name(test.name)
            failed[function] = failed.get(function, 0) + 1
        parts = []
        for function, count in failed.items():
            total = self.totals.get(function, count)
            parts.append(render(message("finding.cases", test=function, failed=count, total=total), language)
                         if total > 1 else function)
        return render(message("finding.heading", tests=", ".join(parts), points=points_text(self.lost)), language)

    def lines(self, language: str = "en") -> list[str]:
        """The example failure with the hint chosen for the whole finding."""
        return self.example.lines(hint=self.hint if self.hint is not None else "", language=language)


def function_name(test_name: str) -> str:
    """``test_random_shapes[cpu-3]`` -> ``random_shapes``: the test function, as students read it."""
    return re.sub(r"\[.*\]$", "", test_name).removeprefix("test_")


def points_text(value: float) -> str:
    """Points as people read them: at most two decimals, no trailing zeros (``2.57``, ``0.5``, ``3``)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def failure_of_test(test) -> Failure:
    """The structured failure of a stored test (older results without one: its message as text)."""
    if test.detail:
        return Failure.from_dict(test.detail)
    return Failure(call=test.message, kind="other")


def findings(question) -> list[Finding]:
    """The failing tests of ``question`` (a QuestionResult), one finding per cause, in test order.

    A question not attempted has no findings: one line says so.
    """
    if question.status == "not attempted":
        return []
    failing = [(test, failure_of_test(test)) for test in question.tests if not test.passed]
    hints = _chosen_hints(failing)
    totals: dict[str, int] = {}
    for test in question.tests:
        totals[function_name(test.name)] = totals.get(function_name(test.name), 0) + 1
    folded: dict[tuple, Finding] = {}
    for (test, failure), hint in zip(failing, hints):
        key = _fold_key(test, failure, hint)
        if key not in folded:
            folded[key] = Finding(question.id, failure, hint, [], totals)
        folded[key].tests.append(test)
    return list(folded.values())


def _chosen_hints(failing) -> list:
    """For each failing test, the hint to show: of the mistakes its result matches, the one
    that explains the most failing cases of the question (see the module docstring)."""
    counts: dict[str, int] = {}
    for _, failure in failing:
        for key in dict.fromkeys(_key(m) for m in failure.mistakes):
            counts[key] = counts.get(key, 0) + 1
    chosen = []
    for _, failure in failing:
        if not failure.mistakes:
            chosen.append(failure.hint)
            continue
        best = max(range(len(failure.mistakes)), key=lambda i: (counts[_key(failure.mistakes[i])], -i))
        chosen.append(failure.mistakes[best])
    return chosen


def _key(hint) -> str:
    return hint.key if isinstance(hint, Message) else str(hint)


def _fold_key(test, failure: Failure, hint) -> tuple:
    if failure.kind in RUN_KINDS:  # a call that hung and the calls skipped after it are one finding
        kind = "timeout" if failure.kind == "skipped" else failure.kind
        return ("run", kind, failure.function or render(failure.got))
    if failure.kind == "error" and not is_mistake(hint):  # the student's code raised: one item per function
        return ("error", failure.function, _key(hint))
    if is_mistake(hint):
        return ("mistake", _key(hint))
    return ("test", function_name(test.name), failure.kind, _key(hint))


def hint_keys(question) -> set[str]:
    """The keys of the hints a student reads for ``question`` (what the catalogue test checks)."""
    return {_key(f.hint) for f in findings(question) if isinstance(f.hint, Message)}
