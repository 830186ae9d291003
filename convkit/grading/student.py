"""The submission as a grader test sees it: a ``student`` object whose calls cross into a sandbox.

It owns the sandbox's life cycle for one submission:

* cells run in order; a cell that hangs or kills the process is skipped and the
  submission is started again without it (at most ``Limits.restarts`` times), so the
  names defined by the other cells can still be graded;
* a sandbox that dies is started again for the next test;
* a function that does not return in time is not called again: later calls of it, and of
  the submission's functions that use it (read from the source), fail at once saying why,
  so one endless loop costs its own question's time, not every other question's;
* each question has a wall-clock budget (``Limits.question_seconds``), and the whole
  submission one more (``Limits.submission_seconds``).
"""
from __future__ import annotations

import ast
import copy
import functools
import time

from convkit.grading.texts import call_text
from convkit.limits import Limits
from convkit.messages import message
from convkit.sandbox.client import (
    CallTimeout,
    CellReport,
    SandboxDied,
    SandboxFailure,
    SandboxLauncher,
    StudentError,
)
from convkit.submission import Submission
from convkit.timings import CLOCK

_MEMORY_MARKERS = ("can't allocate memory", "DefaultCPUAllocator", "out of memory")


class SubmissionTimeLimit(SandboxFailure):
    limit = "submission time"


class QuestionTimeLimit(SandboxFailure):
    limit = "question time"


class SkippedCall(Exception):
    """A call not made: it would run a function that did not return in time earlier."""

    def __init__(self, function: str, reason: str):
        super().__init__(reason)
        self.function, self.reason = function, reason
        self.call = ""


class Student:
    def __init__(self, launcher: SandboxLauncher, submission: Submission, limits: Limits):
        self.launcher = launcher
        self.submission = submission
        self.limits = limits
        self.deadline = time.monotonic() + limits.submission_seconds
        self.skipped: dict[int, str] = {}
        self._failed_cells: dict[int, CellReport] = {}
        self.cells: list[CellReport] = []
        self.limits_hit: list[str] = []
        self.output_bytes = 0
        self._sandbox = None
        self._defined: dict[str, str] = {}
        self.question_deadline = self.deadline
        self._question = None  # the question whose time budget runs
        self.hung: dict[str, float] = {}  # function name -> the seconds it ran without returning
        self._uses: dict[str, set[str]] = {}
        self._facts: dict[tuple, object] = {}

    # -- life cycle -------------------------------------------------------------------
    def start(self) -> None:
        """Run the submission's cells in a fresh sandbox, skipping cells that hang or crash."""
        for _ in range(self.limits.restarts + 1):
            self._close_sandbox()
            started = time.perf_counter()
            self._sandbox = self.launcher.spawn(self.limits, self.submission.module_name)
            try:
                reports = self._sandbox.load(list(self.submission.cells), skip=self.skipped)
            except SandboxFailure as failure:
                self._skip_failed_cell(self._sandbox, failure)
                continue
            finally:
                self._clock_start(started, self._sandbox.ready_at)
            self.cells = self._with_skipped(reports)
            self._defined = self._sandbox.names(self._all_names())
            return
        self._defined = {}

    @staticmethod
    def _clock_start(started: float, ready_at: float) -> None:
        ended = time.perf_counter()
        ready_at = ready_at or ended
        CLOCK.add("sandbox start", ready_at - started)
        CLOCK.add("notebook cells", ended - ready_at)

    def _skip_failed_cell(self, sandbox, failure: SandboxFailure) -> None:
        started = sandbox.loaded_cells
        index = started[-1].index if started else -1
        kind = "timeout" if isinstance(failure, CallTimeout) else "crashed"
        self.skipped[index] = kind
        self._note_limit(failure)
        label = started[-1].label if started else "start-up"
        self._failed_cells[index] = CellReport(index, label, str(failure), kind)

    def _with_skipped(self, reports: list[CellReport]) -> list[CellReport]:
        return sorted(list(reports) + list(self._failed_cells.values()), key=lambda r: r.index)

    def _all_names(self):
        from convkit.assignments import ASSIGNMENTS

        return sorted({n for a in ASSIGNMENTS.values() for q in a.questions for n in q.names})

    def begin_question(self, question_id: str) -> None:
        """A test starts with a live sandbox, even if the previous one killed it; a new question
        starts its time budget."""
        if question_id != self._question:
            self._question = question_id
            self.question_deadline = time.monotonic() + self.limits.question_seconds
        if self._sandbox is None or self._sandbox.dead:
            if time.monotonic() < min(self.deadline, self.question_deadline):
                self.start()

    # -- functions that hang ------------------------------------------------------------
    def uses(self, name: str) -> set[str]:
        """The submission's own names that ``name`` uses, itself included (read from the source)."""
        if name not in self._uses:
            from convkit.grading.source import facts

            self._uses[name] = set(facts(self.submission.cells, [name], self.definitions).functions) | {name}
        return self._uses[name]

    def _check_not_hung(self, names) -> None:
        if not self.hung:
            return
        for name in names:
            hung = sorted(self.hung.keys() & self.uses(name))
            if hung:
                seconds = f"{self.hung[hung[0]]:g}"
                reason = message("failure.hung", name=hung[0], seconds=seconds) if hung[0] == name else \
                    message("failure.uses_hung", name=name, hung=hung[0], seconds=seconds)
                raise SkippedCall(hung[0], reason)

    def close(self) -> None:
        self._close_sandbox()

    def _close_sandbox(self) -> None:
        if self._sandbox is not None:
            with CLOCK.phase("sandbox end"):
                self._sandbox.close()
            self.output_bytes += self._sandbox.output.total
            if self._sandbox.output.total > self.limits.output_bytes and "output" not in self.limits_hit:
                self.limits_hit.append("output")
            self._sandbox = None

    # -- what graders use -------------------------------------------------------------
    @property
    def defined(self) -> dict[str, str]:
        """Names the submission defines (of those the assignments use) and their kind."""
        return dict(self._defined)

    def has(self, name: str) -> bool:
        return name in self._defined

    @functools.cached_property
    def definitions(self):
        """What each top-level statement of the source binds (:func:`convkit.grading.source.definitions`),
        parsed once per submission for every question that asks."""
        from convkit.grading.source import definitions

        return definitions(self.submission.cells)

    def source(self, *names: str):
        """What the submission's source of ``names`` uses (:class:`convkit.grading.source.SourceFacts`),
        following the submission's own helpers those functions call.

        Read from the submitted file in the grader, never from the sandbox: a property
        judged this way cannot be faked by code that runs. Judge "how" with it, and only
        together with right values. Example::

            facts = student.source("corr2d_multi_in_out_1x1")
            if not facts.uses_matmul:
                fail(call, "one matrix multiplication (@, torch.matmul, ...)", "no matrix multiplication", hint)
            if facts.uses_any(re.compile(r"conv")):
                fail(call, "no library convolution", ", ".join(facts.uses_any(re.compile(r"conv"))), hint)
        """
        from convkit.grading.source import facts

        if names not in self._facts:  # graders ask again for every parametrisation: parse once per submission
            self._facts[names] = facts(self.submission.cells, names, self.definitions)
        return copy.deepcopy(self._facts[names])

    def call(self, target, *args, seed=None, **kwargs):
        """Call a function (or class) the submission defines, in its sandbox, and return the result.

        ``target`` is a name, or a :class:`~convkit.sandbox.codec.Handle` the sandbox returned
        earlier (an object that cannot travel, e.g. a student's module, is called in place).
        Inputs are sent by value, so the student cannot alter the grader's tensors; tensors
        come back as real tensors on the device they were returned on. ``seed`` seeds torch in
        the sandbox first. Examples::

            Y = student.call("corr2d", X, K)
            net = student.call("Conv2D", (1, 2))          # a Handle: net.type_name == "Conv2D"
            shape = student.call("conv2d_output_shape", (8, 8), 3, padding=1)

        An exception in student code arrives as :class:`~convkit.sandbox.client.StudentError`
        naming the call (the runner turns it into feedback when the test does not catch it);
        a call past ``Limits.call_seconds`` as :class:`~convkit.sandbox.client.CallTimeout`.
        """
        name = target if isinstance(target, str) else f"{target.type_name} object"
        called = [target] if isinstance(target, str) else [target.type_name]
        return self._guarded(lambda: call_text(name, *args, keywords=kwargs),
                             lambda sandbox, timeout: sandbox.call(target, *args, seed=seed, timeout=timeout, **kwargs),
                             called)

    def run(self, code: str, call: str = "", seed=None, **inputs):
        """Run grader code next to the submission, in its sandbox, and return what it assigns to ``result``.

        The snippet sees the submission's names, ``torch``, ``nn``, ``F`` and ``inputs`` (sent by
        value); use it where plain calls cannot reach, e.g. to set a student module's weights
        and backpropagate through it. ``call`` is how feedback names what was done. Example::

            grads = student.run(
                "net = Conv2D(tuple(K.shape))\n"
                "with torch.no_grad():\n"
                "    net.weight.copy_(K)\n"
                "(net(x) * g).sum().backward()\n"
                "result = net.weight.grad",
                call="net = Conv2D((1, 2)); (net(x) * g).sum().backward()", x=x, K=K, g=g)

        Never build the snippet from student text: it runs with the submission's rights, but
        it is the grader's code.
        """
        return self._guarded(lambda: call or "a grader check",
                             lambda sandbox, timeout: sandbox.run(code, seed=seed, timeout=timeout, **inputs),
                             self._names_in(code))

    def _names_in(self, code: str) -> list[str]:
        """The submission's names a grader snippet refers to."""
        return sorted(_names_read(code) & self._defined.keys())

    def _guarded(self, call_text, request, called=()):
        """Send ``request`` within the time left; ``call_text()`` names the call in feedback (built only
        when something went wrong: most calls succeed, and describing them costs more than making them)."""
        now = time.monotonic()
        remaining = self.deadline - now
        if remaining <= 0:
            failure = SubmissionTimeLimit(f"the submission used up its {self.limits.submission_seconds:g} s time limit")
            self._note_limit(failure)
            raise failure
        if self.question_deadline - now <= 0:
            failure = QuestionTimeLimit(f"this question used up its {self.limits.question_seconds:g} s time limit")
            self._note_limit(failure)
            raise failure
        try:
            self._check_not_hung(called)
        except SkippedCall as skipped:
            skipped.call = call_text()
            raise
        if self._sandbox is None:
            raise SandboxDied("the submission could not be started")
        timeout = min(self.limits.call_seconds, remaining, self.question_deadline - now)
        try:
            return request(self._sandbox, timeout)
        except StudentError as error:
            error.call = call_text()
            if any(marker in error.message for marker in _MEMORY_MARKERS) or error.type_name == "MemoryError":
                self._note_limit_name("memory")
            raise
        except SandboxFailure as failure:
            failure.call = call_text()
            self._note_limit(failure)
            if isinstance(failure, CallTimeout) and timeout >= self.limits.call_seconds:  # not a budget running out
                for name in called:
                    self.hung.setdefault(name, timeout)
            raise

    def _note_limit(self, failure: SandboxFailure) -> None:
        self._note_limit_name(failure.limit)

    def _note_limit_name(self, name: str) -> None:
        if name and name not in self.limits_hit:
            self.limits_hit.append(name)


@functools.lru_cache(maxsize=512)
def _names_read(code: str) -> frozenset:
    """The names a grader snippet mentions (parsed once: graders send the same snippets to every submission)."""
    return frozenset(node.id for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Name))
