"""Running the hidden pytest graders against one submission, in the grading process.

The graders are ordinary pytest modules (``autograder/graders/<package>/test_<id>.py``).
This module runs them in-process with :class:`ScoreKeeper`, a pytest plugin that hands
each test the submission's :class:`~convkit.grading.student.Student`, splits each test's
points over its parametrisations, and turns every outcome into a
:class:`~convkit.grading.results.TestResult` with a student-facing message.

Only pytest's public API is used (hooks, ``pytest.TestReport``, ``Config.stash`` and
``Item.stash``, ``item.ihook``, ``item.callspec``, ``item.fixturenames``), so a pytest
release within the range ``pyproject.toml`` allows cannot break grading from underneath.

The process running this holds the hidden tests, the reference and the scores; student
code never runs here (see ``convkit.sandbox``).
"""
from __future__ import annotations

import contextlib
import functools
import gc
import inspect
import io
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import pytest

from convkit.assignments import Assignment
from convkit.errors import SubmissionError
from convkit.grading.checks import raised
from convkit.grading.failures import Failure, Feedback
from convkit.grading.results import SubmissionResult, TestResult, build_questions, ungraded
from convkit.grading.source import Attempt, attempt
from convkit.grading.student import SkippedCall, Student
from convkit.limits import Limits
from convkit.messages import message
from convkit.sandbox.client import CallTimeout, OutOfMemory, SandboxFailure, SandboxLauncher, StudentError
from convkit.submission import error_message, label_message, load_submission
from convkit.timings import CLOCK

#: pytest runs once per submission: plugins that only cost time here are switched off
#: (logging capture alone re-installs handlers for every test phase; the unraisable-
#: exception plugin forces full garbage collections at every session end).
_UNUSED_PLUGINS = ("cacheprovider", "warnings", "logging", "unraisableexception", "threadexception",
                   "faulthandler", "doctest", "junitxml", "pastebin", "legacypath", "stepwise", "setuponly",
                   "setupplan", "debugging")
PYTEST_ARGS = ["-q", "--assert=plain", "--no-header", *[arg for name in _UNUSED_PLUGINS for arg in ("-p", f"no:{name}")]]


class NotAttempted(Feedback):
    """The question is not attempted: its names are missing or still the stub (read from the source)."""


class GraderTest(NamedTuple):
    """One collected grader test (one parametrisation): its question, name and points."""

    question: str
    name: str
    points: float


#: Where the graders' ``student`` fixture finds the running :class:`ScoreKeeper` (``config.stash``).
KEEPER = pytest.StashKey["ScoreKeeper"]()
#: A collected test's :class:`GraderTest` (``item.stash``).
TEST = pytest.StashKey[GraderTest]()


class ScoreKeeper:
    """pytest plugin: provides ``student``, assigns points, records results."""

    def __init__(self, assignment: Assignment, student: Student | None):
        self.assignment = assignment
        self.student = student
        self.results: dict[tuple[str, str], TestResult] = {}
        self.collected: list[GraderTest] = []
        self.attempts: dict[str, Attempt] = {}

    def pytest_configure(self, config):
        config.stash[KEEPER] = self

    # -- collection -------------------------------------------------------------------
    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        per_function = Counter(_function_key(item) for item in items)
        for item in items:
            marker = item.get_closest_marker("points")
            total = float(marker.args[0]) if marker else 1.0
            test = GraderTest(question_of(item), item.name, total / per_function[_function_key(item)])
            item.stash[TEST] = test
            self.collected.append(test)

    # -- running ----------------------------------------------------------------------
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        self.prepare(item)

    def prepare(self, item) -> None:
        """Before a test: its question must be attempted and its names defined, and its sandbox alive.

        Whether a question is attempted is read from the source (:func:`convkit.grading.source.attempt`),
        once per submission: a question left as its stub is not run at all. A name the source
        does not bind but the run defined (``exec``, a definition inside ``if``) is attempted.
        """
        question = self.assignment.question(item.stash[TEST].question)
        if question.id not in self.attempts:  # a grader run directly with pytest
            submission = self.student.submission
            self.attempts[question.id] = attempt(submission.cells, question.names, question.stub or "",
                                                 answer_cell=submission.answer_cell(question.id)
                                                 ).with_names_defined_when_run(self.student.has)
        tried = self.attempts[question.id]
        if not tried.attempted:
            raise NotAttempted(Failure(got=message("question.not_attempted"), kind="not_attempted"))
        for name, cell in tried.broken:
            raise Feedback(Failure(got=message("question.syntax_error", name=name, cell=label_message(cell),
                                               error=error_message(self._cell_error(cell))),
                                   hint=message("hint.fix_syntax_error"), kind="not_defined", function=name))
        for name in tried.written:
            if not self.student.has(name):
                cell = self.student.definitions[name].cell
                got = message("question.not_defined_when_run", name=name, cell=label_message(cell),
                              error=error_message(self._cell_error(cell)))
                raise Feedback(Failure(got=got,
                                       hint=message("hint.cell_must_run"), kind="not_defined", function=name))
        self.student.begin_question(question.id)

    def _cell_error(self, label: str) -> str:
        """What went wrong in the cell ``label`` when the submission ran (its error, or a time-out)."""
        return next((c.error or "" for c in self.student.cells if c.label == label and c.status != "ok"), "")

    def record(self, item, error: BaseException | None) -> None:
        test = item.stash[TEST]
        key = (test.question, test.name)
        if key not in self.results:
            failure = failure_of(error, self.assignment) if error is not None else None
            points = 0.0 if error is not None else test.points
            self.results[key] = TestResult(*key, points, test.points, error is None,
                                           failure.text() if failure else "", failure.to_dict() if failure else {})

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_makereport(self, item, call):
        """Record the outcome, and build pytest's report ourselves.

        pytest's own report renders a full traceback with source for every failure
        (~50 ms each); a stub submission fails hundreds of tests. Our report carries the
        student-facing message instead, which is all anyone reads.
        """
        excinfo = call.excinfo
        failed = excinfo is not None and call.when != "teardown"
        text = failure_of(excinfo.value, self.assignment).text() if excinfo is not None else ""
        if call.when == "call" or failed:
            self.record(item, excinfo.value if failed else None)
        outcome = "failed" if excinfo is not None else "passed"
        return pytest.TestReport(item.nodeid, item.location, {}, outcome, text or None, call.when,
                                 duration=call.duration, start=call.start, stop=call.stop)


def question_of(item) -> str:
    """A grader test's question: its module is ``test_<question id>.py``."""
    return Path(str(item.path)).stem.removeprefix("test_")


def _function_key(item) -> tuple[str, str]:
    return (item.module.__name__, item.originalname)


def failure_of(error: BaseException, assignment: Assignment | None = None) -> Failure:
    """What the student (and the TA) read for a failed test; never the grader's source or hidden values.

    A :class:`Feedback` carries its own failure. Student code that raised, hung or died is
    described as such. Anything else is the *grader's* error, not the student's: the student
    reads a neutral line, the TA finds the traceback in the results file.
    """
    if isinstance(error, Feedback):
        return error.failure
    call = getattr(error, "call", "")
    if isinstance(error, StudentError):
        return _student_error(error, call, assignment)
    if isinstance(error, SkippedCall):
        return Failure(call, got=message("failure.skipped", reason=error.reason), kind="skipped",
                       hint=message("hint.timeout", function=error.function), function=error.function)
    if isinstance(error, CallTimeout):
        function = _called_name(call)
        return Failure(call, got=message("failure.timeout", seconds=f"{error.seconds:g}"), kind="timeout",
                       hint=message("hint.timeout", function=function or "?"), function=function)
    if isinstance(error, SandboxFailure):
        kind = "memory" if isinstance(error, OutOfMemory) else "timeout" if isinstance(error, CallTimeout) or \
            error.limit in ("submission time", "question time") else "crash"
        return Failure(call, got=message("failure.sandbox", reason=str(error)), kind=kind,
                       function=getattr(error, "function", ""))
    if isinstance(error, pytest.skip.Exception):
        return Failure(got=message("failure.skipped_by_grader"), kind="other")
    if isinstance(error, pytest.fail.Exception):
        return Failure(got=str(getattr(error, "msg", "") or error), kind="other")
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return Failure(call, got=message("failure.grader_error"), hint=message("hint.grader_error"), kind="grader_error",
                   traceback=text[-6000:])


def _student_error(error: StudentError, call, assignment: Assignment | None) -> Failure:
    if error.is_a("NotImplementedError") and ": raise NotImplementedError" in error.where:  # the stub's own raise
        return Failure(call, got=message("failure.not_implemented", name=error.function or call),
                       hint=message("hint.not_implemented"), kind="not_implemented", function=error.function)
    missing = _undefined_name(error)
    if missing and assignment is not None and missing in assignment.names:
        return Failure(call, got=message("failure.not_defined", name=missing), hint=message("hint.define_name",
                                                                                              name=missing),
                       kind="not_defined", function=missing)
    return Failure(call, got=raised(error, limit=None), hint=message("hint.run_yourself"), kind="error",
                   function=error.function)


def _called_name(call) -> str:
    """``corr2d`` for a call shown as ``corr2d(X, K) with ...`` (a probe's text names no function)."""
    text = str(call)
    name = text.split("(", 1)[0].strip()
    return name if name.isidentifier() else ""


def _undefined_name(error: StudentError) -> str:
    """``x`` for a NameError "name 'x' is not defined", else ''."""
    if error.type_name != "NameError":
        return ""
    parts = error.message.split("'")
    return parts[1] if len(parts) >= 3 and error.message.startswith("name '") else ""


def written_answers(assignment: Assignment, submission) -> dict[str, str]:
    """Each hand-graded question: was its answer written (see :func:`convkit.grading.source.written_answer`)?"""
    from convkit.grading.source import written_answer

    manual = [q for q in assignment.questions if q.manual]
    if submission.path.suffix != ".ipynb":
        return {q.id: "no notebook" for q in manual}
    found = {}
    for question in manual:
        title, placeholder = question.written_in(submission.lang)
        found[question.id] = written_answer(submission.markdown, placeholder, title)
    return found


def _pytest_args(assignment: Assignment, paths: list[str]) -> list[str]:
    graders = str(assignment.graders_dir.parent)  # holds conftest.py, whatever surrounds the kit
    return [*PYTEST_ARGS, "--rootdir", graders, "--confcutdir", graders, *paths]


def _run_pytest(args: list[str], plugin, assignment: Assignment) -> None:
    with contextlib.redirect_stdout(io.StringIO()) as captured:
        code = pytest.main(args, plugins=[plugin])
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
        raise RuntimeError(f"the graders of {assignment.id} could not run (pytest exit {int(code)}):\n"
                           f"{captured.getvalue()[-3000:]}")


_COLLECTED: dict[tuple[Assignment, tuple], list[GraderTest]] = {}


def grader_tests(assignment: Assignment, question_ids=None) -> list[GraderTest]:
    """Every grader test of ``assignment`` (of ``question_ids``), collected once per process.

    A question whose grader is missing has no tests here (``convkit build --check`` names it;
    grading refuses to start without it), so the build still runs while a grader is written.
    """
    key = (assignment, tuple(question_ids or ()))
    if key not in _COLLECTED:
        chosen = assignment.auto_questions if question_ids is None else [assignment.question(q) for q in question_ids]
        paths = [assignment.graders_dir / q.grader_file for q in chosen if not q.manual]
        keeper = ScoreKeeper(assignment, None)
        existing = [str(p) for p in paths if p.is_file()]
        if existing:
            _run_pytest(_pytest_args(assignment, existing) + ["--collect-only"], keeper, assignment)
        _COLLECTED[key] = keeper.collected
    return _COLLECTED[key]


def max_points(assignment: Assignment) -> dict[str, float]:
    """Each auto-graded question's maximum: the sum of its grader tests' points, as grading counts them."""
    totals = dict.fromkeys((q.id for q in assignment.auto_questions), 0.0)
    for test in grader_tests(assignment):
        totals[test.question] = totals.get(test.question, 0.0) + test.points
    return {question: round(total, 6) for question, total in totals.items()}


class _SessionGrader(ScoreKeeper):
    """pytest plugin that grades many submissions in one pytest session.

    Collecting the graders and starting a pytest session cost more than running the tests
    of a typical submission; here that is paid once, and ``pytest_runtestloop`` runs the
    collected tests again for each submission in turn.
    """

    def __init__(self, assignment, launcher: SandboxLauncher, limits, question_ids, paths, deliver):
        super().__init__(assignment, None)
        self.launcher, self.limits, self.question_ids = launcher, limits, question_ids
        self.paths, self.deliver = paths, deliver

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session):
        items = session.items
        _freeze_once()
        for path in self.paths:
            try:
                result = self._grade(path, items)
            except Exception as error:  # a grader bug costs this submission a row, not the batch
                result = self._ungraded(path, f"internal grading error: {type(error).__name__}: {error}")
            self.deliver(result)
        return True

    def _ungraded(self, path, status: str) -> SubmissionResult:
        result = ungraded(self.assignment, self.question_ids, self.collected, Path(path).name, status)
        result.isolation = self.launcher.describe()
        return result

    def _run_directly(self, item) -> None:
        """Call the test function with its parameters and the student, without pytest's protocol.

        pytest's per-test set-up, reporting and teardown cost about 1.5 ms a test, more than
        most tests themselves; with ~280 tests a submission that was most of a batch's time.
        Collection, parametrisation and markers still come from pytest.
        """
        params = item.callspec.params if hasattr(item, "callspec") else {}
        arguments = {name: (self.student if name == "student" else params[name]) for name in _argument_names(item)}
        try:
            self.prepare(item)
            item.obj(**arguments)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as error:  # pytest.fail / pytest.skip are BaseExceptions too
            self.record(item, error)
        else:
            self.record(item, None)

    def _grade(self, path, items) -> SubmissionResult:
        started = time.monotonic()
        CLOCK.reset()
        try:
            submission = load_submission(path)
        except SubmissionError as error:
            return self._ungraded(path, str(error))
        result = SubmissionResult(file=Path(path).name, assignment=self.assignment.id,
                                  isolation=self.launcher.describe(), lang=submission.lang)
        self.student, self.results = Student(self.launcher, submission, self.limits), {}
        chosen = self.assignment.auto_questions if self.question_ids is None else \
            [self.assignment.question(q) for q in self.question_ids]
        found = self.student.definitions  # parsed once for every question
        self.attempts = {q.id: attempt(submission.cells, q.names, q.stub or "", found, submission.answer_cell(q.id))
                         for q in chosen}
        try:
            self.student.start()
            self.attempts = {question_id: tried.with_names_defined_when_run(self.student.has)
                             for question_id, tried in self.attempts.items()}  # once the cells ran
            for index, item in enumerate(items):
                if _runs_directly(item):
                    self._run_directly(item)
                else:
                    item.ihook.pytest_runtest_protocol(item=item, nextitem=items[index + 1] if index + 1 < len(items) else None)
        finally:
            self.student.close()
        result.questions = build_questions(self.assignment, self.question_ids, self.collected,
                                           list(self.results.values()), self.attempts)
        if self.question_ids is None:
            result.written = written_answers(self.assignment, submission)
        result.cells = [vars(c) for c in self.student.cells if c.status != "ok"]
        result.limits_hit = list(self.student.limits_hit)
        result.output_bytes = self.student.output_bytes
        result.seconds = round(time.monotonic() - started, 3)
        CLOCK.add("grader work", time.monotonic() - started - sum(CLOCK.seconds.values()))
        return result


_FROZEN = []


def _freeze_once() -> None:
    """Leave what this process has loaded so far (torch, pytest, the graders) out of every later garbage
    collection; once, so that what later grading sessions create is collected as usual."""
    if not _FROZEN:
        gc.collect()
        gc.freeze()
        _FROZEN.append(True)


#: Fixtures the session grader supplies itself; a test asking for any other goes through
#: pytest's full protocol instead.
_DIRECT_FIXTURES = {"student"}


def _runs_directly(item) -> bool:
    params = item.callspec.params if hasattr(item, "callspec") else {}
    return set(item.fixturenames) <= _DIRECT_FIXTURES | set(params) | {"request"}


@functools.lru_cache(maxsize=None)
def _argument_names_of(function) -> tuple[str, ...]:
    parameters = inspect.signature(function).parameters.values()
    return tuple(p.name for p in parameters if p.default is inspect.Parameter.empty)


def _argument_names(item) -> tuple[str, ...]:
    """The test function's parameters that pytest fills (those without a default); read once per function."""
    return _argument_names_of(item.function)


def grade_many(paths, assignment: Assignment, launcher: SandboxLauncher, limits: Limits, deliver,
               question_ids=None) -> None:
    """Grade each file of the iterable ``paths`` in turn, handing each result to ``deliver``.

    ``paths`` may be a generator that waits for work (a batch worker's queue): the pytest
    session stays open until it is exhausted. Never raises for a bad submission.
    """
    grader = _SessionGrader(assignment, launcher, limits, question_ids, paths, deliver)
    _run_pytest(_pytest_args(assignment, assignment.grader_paths(question_ids)), grader, assignment)


def grade_submission(path, assignment: Assignment, launcher: SandboxLauncher, limits: Limits,
                     question_ids=None) -> SubmissionResult:
    """Grade one file; never raises for a bad submission (its status says what went wrong)."""
    results = []
    grade_many([path], assignment, launcher, limits, results.append, question_ids)
    return results[0]
