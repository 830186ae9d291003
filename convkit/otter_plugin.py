"""otter-grader plugin: every score comes from convkit's isolated grader, never from otter's kernel.

otter grades by running the student's notebook in a Jupyter kernel and unpickling the
results that kernel writes, in the grading process. Student code in that kernel can patch
otter's test runner, forge the results pickle (which then runs code in the grading
process), or kill the kernel and lose the whole result. So this plugin:

``before_grading``   removes files the student uploaded beside the notebook: otter would
                     unpickle a ``.OTTER_LOG`` in the grading process, and a module such as
                     ``otter.py`` would be imported by otter's kernel from that folder;
``before_execution`` starts grading the submission file with ``python -m convkit.cli check``
                     in a subprocess (student code runs only in convkit's sandbox), and hands
                     otter an *empty* notebook, so no student code runs in otter's kernel;
                     otter's kernel runs it (seconds of start-up) while convkit grades;
``after_grading``    waits for convkit, then
                     sets every question's score to convkit's (0 where convkit failed),
                     replaces otter's per-case results (which describe the empty notebook)
                     with convkit's test messages, and makes convkit's report the output.

Configured in ``otter_config.json`` (written by ``convkit build``)::

    "plugins": [{"convkit.otter_plugin.ConvkitPlugin": {"assignment": "conv-layer"}}]

otter imports it from the installed convkit under ``otter run``, and from the copy at the
top of the autograder zip (``<ag>/source/convkit``) on Gradescope and in ``otter grade``.

optionally with ``"timeout"`` (seconds for the whole convkit run, default
``Limits.check_seconds``) and ``"trust_submissions": true`` (grade even where convkit's sandbox cannot be built; without
it such a machine gives every submission 0 and says why, since grading unprotected would
let a submission read the answers or forge its score).

Question ids are otter's question names (``tests/<id>.py`` defines ``name = "<id>"``).
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
from otter.plugins import AbstractOtterPlugin
from otter.test_files.abstract_test import TestCase, TestCaseResult

from convkit.check_process import CheckOutcome, PendingCheck, start_check
from convkit.grading.results import QuestionResult, isolation_texts
from convkit.limits import Limits
from convkit.messages import joined, message, render

DEFAULT_TIMEOUT = Limits().check_seconds


# ------------------------------------------------------------------ where things are
def autograder_dir(submission_path) -> Path:
    """otter grades ``<ag>/submission/<file>``; its zip is unpacked in ``<ag>/source``."""
    return Path(submission_path).resolve().parent.parent


def kit_root(ag_dir: Path) -> Path:
    """The convkit copy unpacked from the zip (``<ag>/source``), else the kit this module belongs to.

    The zip's copy is what grades on Gradescope and in ``otter grade``; using it under
    ``otter run`` too means a local run checks exactly what will be uploaded.
    """
    shipped = ag_dir / "source"
    if (shipped / "convkit" / "cli.py").is_file() and (shipped / "autograder" / "graders").is_dir():
        return shipped
    from convkit.paths import KIT_ROOT

    return KIT_ROOT


def hidden_copies(ag_dir: Path) -> list[str]:
    """Beyond the kit's own hidden folders: otter's results folder, which the sandbox must not write."""
    return [str(ag_dir / "results")]


def otter_owned_names(ag_dir: Path) -> set[str]:
    """Entries of ``<ag>/submission`` that otter put there itself (from the zip), not the student."""
    files = ag_dir / "source" / "files"
    return {"tests", "__init__.py"} | ({p.name for p in files.iterdir()} if files.is_dir() else set())


# ------------------------------------------------------------------ running convkit
def run_convkit(submission_path, assignment: str, timeout: float = DEFAULT_TIMEOUT,
                trust: bool = False) -> CheckOutcome:
    """Grade ``submission_path`` with ``convkit check`` in a child process (:mod:`convkit.check_process`)."""
    return start_convkit(submission_path, assignment, timeout, trust).wait()


def start_convkit(submission_path, assignment: str, timeout: float = DEFAULT_TIMEOUT,
                  trust: bool = False) -> PendingCheck:
    """Start :func:`run_convkit`'s check; ``wait()`` for its outcome.

    The child runs with the kit root as working directory (so ``-m convkit.cli`` imports the
    shipped copy where nothing is installed). Processes it starts in turn (the sandbox zygote
    runs ``python -m convkit.sandbox.zygote`` from a temporary directory) import the same copy
    through ``PYTHONPATH``, which names a folder holding only a link to ``convkit``: the
    reference and the graders beside it never become importable there.
    """
    submission = Path(submission_path)
    ag_dir = autograder_dir(submission)
    root = kit_root(ag_dir)
    temporary = tempfile.TemporaryDirectory(prefix="convkit-otter-")
    env = {"CONVKIT_ROOT": str(root), "CONVKIT_PRIVATE": os.pathsep.join(hidden_copies(ag_dir)),
           "PYTHONPATH": _package_path(root, Path(temporary.name))}
    pending = start_check(submission, assignment, timeout, trust, cwd=root, env=env)
    pending.keep(temporary)
    return pending


def _package_path(root: Path, temporary: Path) -> str:
    """``PYTHONPATH`` for the grading processes: a folder with only ``convkit`` in it, then what was set."""
    folder = temporary / "importable"
    folder.mkdir()
    (folder / "convkit").symlink_to(root / "convkit", target_is_directory=True)
    return os.pathsep.join([str(folder), *filter(None, [os.environ.get("PYTHONPATH")])])


# ------------------------------------------------------------------ otter's results
def case_results(question: QuestionResult, language: str = "en") -> list[TestCaseResult]:
    """convkit's findings for one question as otter case results (what Gradescope shows per question):
    one case per finding (failing tests folded, see :mod:`convkit.grading.findings`), one for the
    tests that passed, one line for a question not attempted."""
    from convkit.grading.findings import findings, function_name
    if question.status == "not attempted":
        return [_case(question.id, render(message("status.not_attempted"), language), 0.0, question.max_points,
                      False, render(message("question.not_attempted"), language))]
    cases = [_case(question.id, finding.heading(language), 0.0, finding.lost, False,
                   "\n".join(finding.lines(language))) for finding in findings(question)]
    passed = [t for t in question.tests if t.passed]
    if passed:
        names = ", ".join(dict.fromkeys(function_name(t.name) for t in passed))
        cases.append(_case(question.id, render(message("feedback.passing", tests=names), language),
                           sum(t.points for t in passed), sum(t.max_points for t in passed), True, ""))
    return cases


def _case(question_id: str, name: str, points: float, maximum: float, passed: bool, message: str) -> TestCaseResult:
    mark = "✅" if passed else "❌"
    text = f"{mark} {points:g} / {maximum:g}" + (f"\n{message}" if message and not passed else "")
    case = TestCase(name=f"{question_id} - {name}", body=None, hidden=False, points=maximum,
                    success_message=None, failure_message=None)
    return TestCaseResult(test_case=case, message=text, passed=passed)


def apply_outcome(results, outcome: CheckOutcome) -> list[str]:
    """Make otter's ``GradingResults`` say what convkit said; return warnings for staff.

    Every otter question gets convkit's points, or 0 when convkit has none for it (failed
    run, unknown question): never the kernel's score.
    """
    warnings = []
    questions = {q.id: q for q in outcome.result.questions} if outcome.result else {}
    for name in results.test_files:
        test_file = results.get_result(name)
        question = questions.get(name)
        results.update_score(name, question.points if question else 0)
        if question is None:
            reason = outcome.error or f"convkit has no question {name!r}"
            test_file.test_case_results = [_case(name, "not graded", 0.0, test_file.possible, False, reason)]
            if outcome.result:
                warnings.append(f"otter question {name!r} is not graded by convkit: it scores 0")
            continue
        if abs(question.max_points - test_file.possible) > 1e-6:
            warnings.append(f"{name}: otter's maximum {test_file.possible:g} differs from convkit's "
                            f"{question.max_points:g}; rebuild the autograder (`convkit build`)")
        test_file.test_case_results = case_results(question, outcome.result.lang)
    for question_id in sorted(set(questions) - set(results.test_files)):
        warnings.append(f"convkit question {question_id!r} has no otter test file: its points are not counted")
    weaknesses = outcome.result.isolation.get("weaknesses", []) if outcome.result else []
    warnings += [f"sandbox weaker than convkit's full isolation: {weakness}" for weakness in weaknesses]
    if outcome.result:
        header = render(message("otter.header"), outcome.result.lang)
        if weaknesses:
            lang = outcome.result.lang
            texts = isolation_texts(outcome.result.isolation, "weaknesses", lang)
            header += "\n" + render(message("otter.weaker", weaknesses=joined("join.clauses", texts, lang)), lang)
        results.set_output(header + "\n\n" + outcome.report)
    else:
        results.set_output(render(message("otter.could_not_grade", error=outcome.error)))
    return warnings


def empty_notebook() -> nbformat.NotebookNode:
    """What otter's kernel runs instead of the submission: nothing, under the standard kernel."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata = nbformat.from_dict({
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    return notebook


def remove_uploaded_extras(submission_path, keep: set[str]) -> list[str]:
    """Delete everything beside the submission that neither it nor otter's copies are; return the names."""
    submission = Path(submission_path)
    removed = []
    for entry in sorted(submission.parent.iterdir()):
        if entry.name == submission.name or entry.name in keep:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry.name)
    return removed


# ------------------------------------------------------------------ the plugin
class ConvkitPlugin(AbstractOtterPlugin):
    """otter plugin that grades with convkit (see the module docstring)."""

    def __init__(self, submission_path, submission_metadata, plugin_config):
        super().__init__(submission_path, submission_metadata, plugin_config or {})
        self.outcome: CheckOutcome | None = None
        self.pending: PendingCheck | None = None
        self.warnings: list[str] = []

    @property
    def assignment(self) -> str:
        return self.plugin_config["assignment"]

    def before_grading(self, config):
        """Before otter reads anything the student uploaded: drop it, and never grade from a log."""
        config.grade_from_log = False
        removed = remove_uploaded_extras(self.submission_path, otter_owned_names(autograder_dir(self.submission_path)))
        if removed:
            self.warnings.append("ignored files uploaded beside the notebook: " + ", ".join(removed))

    def before_execution(self, submission):
        self.pending = self._start()  # convkit grades while otter's kernel starts and runs the empty notebook
        return empty_notebook()

    def after_grading(self, results):
        if self.pending is not None:
            self.outcome, self.pending = self.pending.wait(), None
        if self.outcome is None:  # otter skipped before_execution (e.g. grading from a log)
            self.grade()
        if results.has_catastrophic_failure():
            return  # otter reports the failure itself, with a score of 0
        self.warnings += apply_outcome(results, self.outcome)
        for warning in self.warnings:
            print(f"[convkit] {warning}", file=sys.stderr)

    def generate_report(self):
        outcome = self.outcome
        if outcome is None:
            return "convkit did not run"
        if outcome.result is None:
            summary = f"convkit could not grade the submission: {outcome.error}"
        else:
            summary = f"convkit: {outcome.result.total:g} / {outcome.result.possible:g} ({outcome.result.status})"
        return "\n".join([f"{summary} in {outcome.seconds:.1f} s", *self.warnings])

    def grade(self) -> None:
        self.outcome = self._start().wait()

    def _start(self) -> PendingCheck:
        timeout = float(self.plugin_config.get("timeout", DEFAULT_TIMEOUT))
        trust = bool(self.plugin_config.get("trust_submissions", False))
        return start_convkit(self.submission_path, self.assignment, timeout, trust)
