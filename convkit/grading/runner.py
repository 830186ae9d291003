"""Running the hidden pytest graders against one submission, in the grading process.

The graders are ordinary pytest modules (``autograder/graders/<assignment>/test_<id>.py``).
This module runs them in-process with :class:`ScoreKeeper`, a pytest plugin that hands
each test the submission's :class:`~convkit.grading.student.Student`, splits each test's
points over its parametrisations, and turns every outcome into a
:class:`~convkit.grading.results.TestResult` with a student-facing message.

The process running this holds the hidden tests, the reference and the scores; student
code never runs here (see ``convkit.sandbox``).
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import time
from collections import Counter
from pathlib import Path

import pytest
from _pytest.reports import TestReport

from convkit.assignments import Assignment
from convkit.errors import SubmissionError
from convkit.grading.checks import Feedback
from convkit.grading.results import SubmissionResult, TestResult, build_questions
from convkit.grading.student import Student
from convkit.sandbox.client import Limits, SandboxFailure, StudentError, Zygote
from convkit.submission import load_submission

#: pytest runs once per submission: plugins that only cost time here are switched off
#: (logging capture alone re-installs handlers for every test phase; the unraisable-
#: exception plugin forces full garbage collections at every session end).
_UNUSED_PLUGINS = ("cacheprovider", "warnings", "logging", "unraisableexception", "threadexception",
                   "faulthandler", "doctest", "junitxml", "pastebin", "legacypath", "stepwise", "setuponly",
                   "setupplan", "debugging")
PYTEST_ARGS = ["-q", "--assert=plain", "--no-header", *[arg for name in _UNUSED_PLUGINS for arg in ("-p", f"no:{name}")]]


class NotAttempted(Feedback):
    """The question's names are missing from the submission."""


class ScoreKeeper:
    """pytest plugin: provides ``student``, assigns points, records results."""

    def __init__(self, assignment: Assignment, student: Student | None):
        self.assignment = assignment
        self.student = student
        self.results: dict[tuple[str, str], TestResult] = {}
        self.collected: list[tuple[str, str, float]] = []

    def pytest_configure(self, config):
        config._convkit_keeper = self

    # -- collection -------------------------------------------------------------------
    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        per_function = Counter(_function_key(item) for item in items)
        for item in items:
            marker = item.get_closest_marker("points")
            total = float(marker.args[0]) if marker else 1.0
            item.convkit_points = total / per_function[_function_key(item)]
            item.convkit_question = getattr(item.module, "QUESTION", item.module.__name__)
            self.collected.append((item.convkit_question, item.name, item.convkit_points))

    # -- running ----------------------------------------------------------------------
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        question = self.assignment.question(item.convkit_question)
        missing = [name for name in question.names if not self.student.has(name)]
        if missing:
            raise NotAttempted(f"not attempted: {', '.join(missing)} not defined")
        self.student.begin_question(question.id)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_makereport(self, item, call):
        """Record the outcome, and build pytest's report ourselves.

        pytest's own report renders a full traceback with source for every failure
        (~50 ms each); a stub submission fails hundreds of tests. Our report carries the
        student-facing message instead, which is all anyone reads.
        """
        excinfo = call.excinfo
        failed = excinfo is not None and call.when != "teardown"
        message = feedback_message(excinfo) if excinfo is not None else ""
        key = (item.convkit_question, item.name)
        if (call.when == "call" or failed) and key not in self.results:
            points = 0.0 if failed else item.convkit_points
            self.results[key] = TestResult(*key, points, item.convkit_points, not failed, message)
        outcome = "failed" if excinfo is not None else "passed"
        return TestReport(item.nodeid, item.location, {}, outcome, message or None, call.when,
                          duration=call.duration, start=call.start, stop=call.stop)


def _function_key(item) -> tuple[str, str]:
    return (item.module.__name__, getattr(item, "originalname", item.name))


def feedback_message(excinfo) -> str:
    """The student-facing text for a failed test; never the grader's source or hidden values."""
    error = excinfo.value
    if isinstance(error, Feedback):
        return str(error)
    call = getattr(error, "call", "")
    if isinstance(error, StudentError) and error.where.endswith("raise NotImplementedError"):
        return f"{call} is not implemented yet (it raised NotImplementedError)\n  hint: replace the stub's body with your code"
    if isinstance(error, StudentError):
        return f"{call} raised {error.describe()}\n  hint: run this call yourself and fix the error"
    if isinstance(error, SandboxFailure):
        return f"{call}: {error}" if call else str(error)
    if isinstance(error, pytest.skip.Exception):
        return "skipped"
    return f"the grader could not check this result ({type(error).__name__}); check the type and shape you return"


def run_graders(assignment: Assignment, student: Student | None, question_ids=None, collect_only=False) -> ScoreKeeper:
    keeper = ScoreKeeper(assignment, student)
    args = [*PYTEST_ARGS, "--rootdir", str(assignment.graders_dir), *assignment.grader_paths(question_ids)]
    if collect_only:
        args.append("--collect-only")
    with contextlib.redirect_stdout(io.StringIO()) as captured:
        code = pytest.main(args, plugins=[keeper])
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
        raise RuntimeError(f"the graders of {assignment.id} could not run (pytest exit {int(code)}):\n{captured.getvalue()[-3000:]}")
    return keeper


_CATALOGUES: dict[tuple[str, tuple], list] = {}


def catalogue(assignment: Assignment, question_ids=None) -> list[tuple[str, str, float]]:
    """(question, test name, points) of every grader test; collected once per process."""
    key = (assignment.id, tuple(question_ids or ()))
    if key not in _CATALOGUES:
        _CATALOGUES[key] = run_graders(assignment, None, question_ids, collect_only=True).collected
    return _CATALOGUES[key]


def fingerprint(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16] if Path(path).is_file() else ""


def grade_submission(path, assignment: Assignment, zygote: Zygote, limits: Limits,
                     question_ids=None, submission_seconds: float = 120.0) -> SubmissionResult:
    """Grade one file; never raises for a bad submission (its status says what went wrong)."""
    started = time.monotonic()
    result = SubmissionResult(file=Path(path).name, assignment=assignment.id, fingerprint=fingerprint(path))
    tests = catalogue(assignment, question_ids)
    try:
        submission = load_submission(path)
    except SubmissionError as error:
        result.status = str(error)
        result.questions = build_questions(assignment, question_ids, tests, [], defined=None)
        return result
    student = Student(zygote, submission, limits, submission_seconds)
    try:
        student.start()
        keeper = run_graders(assignment, student, question_ids)
    finally:
        student.close()
    result.questions = build_questions(assignment, question_ids, tests, list(keeper.results.values()), student.defined)
    result.cells = [vars(c) for c in student.cells if c.status != "ok"]
    result.limits_hit = list(student.limits_hit)
    result.output_bytes = student.output_bytes
    result.seconds = round(time.monotonic() - started, 3)
    return result
