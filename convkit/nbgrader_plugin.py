"""nbgrader preprocessors that take every test cell's score from convkit's isolated grader.

``nbgrader_config.py`` (generated into ``autograder/nbgrader/``) puts them into autograde:

    c.Autograde.autograde_preprocessors = [ConvkitGrade, ConvkitApply, IgnorePattern, ..., SaveAutoGrades, ...]

- :class:`ConvkitGrade` grades the notebook as nbgrader holds it after sanitizing (outputs
  cleared, locked cells restored) with a warm convkit worker, a process of its own started at
  the first notebook and kept for the whole ``nbgrader autograde`` run (``import torch``, the
  sandbox zygote and the graders paid once, not per notebook). Student code runs only in
  convkit's sandbox, one per notebook, so nothing it does can reach the score.
- :class:`ConvkitApply` writes, into each question's test cell, convkit's report for the
  question and its points as the cell's displayed value; nbgrader's ``SaveAutoGrades`` takes a
  displayed number as the cell's score. If ``Execute`` is enabled (it is off in the generated
  configuration: that kernel is not sandboxed), ConvkitApply runs after it, so the score is
  convkit's whatever the student's kernel printed.

nbgrader's score of a submission is therefore ``convkit grade``'s total for the same file, and
a submission convkit cannot read scores 0 on every test cell, with the reason in the cell.
"""
from __future__ import annotations

import atexit
import copy
import os
import tempfile
import time
from pathlib import Path

import nbformat
from nbgrader import utils
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool, Float, List, Unicode

from convkit.assignments import get_assignment
from convkit.build.nbgrader import hook_question
from convkit.check_process import CheckOutcome
from convkit.feedback import failure_lines, score_text, status_word, submission_notes
from convkit.messages import message, render
from convkit.grading.results import QuestionResult, SubmissionResult
from convkit.limits import Limits

RESOURCE = "convkit"  # key of the CheckOutcome in nbgrader's resources


def is_test_cell(cell) -> bool:
    return cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell)


def without_test_cells(nb):
    """The student's part of the notebook: test cells hold the course's code, not the student's.

    Their sources are emptied rather than the cells removed, so convkit's "cell N" labels match
    the notebook the student sees.
    """
    copied = copy.deepcopy(nb)
    for cell in copied.cells:
        if is_test_cell(cell):
            cell.source = ""
    return copied


def grade_notebook(nb, assignment_id: str, notebook_id: str, timeout: float, hide: list[str],
                   trust: bool = False) -> CheckOutcome:
    """Grade ``nb`` as ``convkit check --require-isolation`` would, with this process's warm worker
    (:func:`warm_grader`); its sandbox never sees the folders in ``hide``. Never raises for a bad notebook."""
    from convkit.errors import ConvkitError
    from convkit.grading.batch import WorkerRefused

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="convkit-nbgrader-") as folder:
        path = Path(folder) / f"{notebook_id}.ipynb"
        nbformat.write(nb, str(path))
        try:
            result = warm_grader(assignment_id, hide, trust).grade(path, assignment_id, timeout=timeout)
        except WorkerRefused as error:  # the sandbox cannot be built here: as `convkit check` says it
            return CheckOutcome(None, error=error.reason, seconds=time.monotonic() - started)
        except ConvkitError as error:
            return CheckOutcome(None, error=str(error), seconds=time.monotonic() - started)
    return CheckOutcome(result, seconds=time.monotonic() - started)  # its cells show convkit's feedback


_WARM: dict = {}


def warm_grader(assignment_id: str, hide: list[str], trust: bool):
    """This process's warm grader for these settings: started at the first notebook, stopped at exit.

    Its sandbox plan is decided as ``convkit check --require-isolation`` decides it (a refusal is a
    :class:`ConvkitError` naming what is missing); the folders in ``hide`` and ``CONVKIT_PRIVATE``
    are private to it, as they were to each ``convkit check``.
    """
    from convkit.grading.batch import WarmGrader
    from convkit.paths import private_paths
    from convkit.sandbox.isolation import decide

    hidden = [p for p in [*os.environ.get("CONVKIT_PRIVATE", "").split(os.pathsep), *hide] if p]
    key = (tuple(hidden), trust)
    if key not in _WARM:
        for other in _WARM.values():  # one warm worker at a time: a run grades one course
            other.close()
        _WARM.clear()
        plan = decide(trust=trust, require=True)
        _WARM[key] = WarmGrader(get_assignment(assignment_id), Limits(), plan, private_paths(*hidden))
    return _WARM[key]


def _close_warm() -> None:
    for grader in _WARM.values():
        grader.close()
    _WARM.clear()


atexit.register(_close_warm)  # the warm worker ends with the nbgrader process


class ConvkitGrade(NbGraderPreprocessor):
    """First in autograde (before Execute, if that is enabled): grade with convkit, outside any kernel."""

    timeout = Float(Limits().check_seconds, help="seconds `convkit check` may take for one notebook").tag(config=True)
    hide = List(Unicode(), help="folders convkit's sandbox must not see (the course folder)").tag(config=True)
    trust_submissions = Bool(False, help="grade even where convkit's sandbox cannot be built (trusted submissions "
                                         "only: unprotected, a notebook could read answers or forge its score)"
                             ).tag(config=True)

    def preprocess(self, nb, resources):
        ids = resources["nbgrader"]
        outcome = grade_notebook(without_test_cells(nb), ids["assignment"], ids["notebook"], self.timeout, self.hide,
                                 self.trust_submissions)
        resources[RESOURCE] = outcome
        if outcome.result is None:
            self.log.error("convkit could not grade %s: %s", ids["student"], outcome.error)
        else:
            self.log.info("convkit: %s scored %s / %s", ids["student"], outcome.result.total, outcome.result.possible)
            for weakness in outcome.result.isolation.get("weaknesses", []):
                self.log.warning("convkit graded %s with weaker isolation: %s", ids["student"], weakness)
        return nb, resources


def question_report(question: QuestionResult, result: SubmissionResult) -> str:
    """One question's part of convkit's feedback (failing tests and their messages), for its test cell,
    in the notebook's language."""
    language = result.lang
    lines = [render(message("nbgrader.cell_title", question=question.id,
                            score=score_text(question.points, question.max_points),
                            status=status_word(question.status, language)), language)]
    if result.status != "graded":
        lines.append(f"  {result.status}")
    if question.status == "not attempted":
        lines.append("  " + render(message("question.not_attempted"), language))
    return "\n".join(lines + failure_lines(question, language=language)) + "\n"


def score_outputs(report: str, points: float, execution_count=None) -> list:
    """A report on stdout, then the points as the cell's value: what nbgrader reads as the score."""
    return [nbformat.v4.new_output("stream", name="stdout", text=report),
            nbformat.v4.new_output("execute_result", data={"text/plain": repr(float(points))},
                                   execution_count=execution_count)]


class ConvkitApply(NbGraderPreprocessor):
    """Before SaveAutoGrades (and after Execute, if enabled): convkit's report and points become each
    test cell's only output, whatever a kernel wrote there."""

    def preprocess(self, nb, resources):
        cells = {}
        for cell in nb.cells:
            question = hook_question(cell.source) if is_test_cell(cell) else None
            if question:
                cells[question] = cell
        for question, cell in self._missing_test_cells(resources, cells):
            if (nb.nbformat, nb.nbformat_minor) < (4, 5):
                del cell["id"]  # cell ids came with nbformat 4.5; older notebooks must not have them
            nb.cells.append(cell)
            cells[question] = cell
        outcome = resources.get(RESOURCE) or CheckOutcome(None, error="ConvkitGrade did not run before ConvkitApply")
        if outcome.result is None:
            reason = f"convkit could not grade this notebook: {outcome.error}\n"
            for cell in cells.values():
                cell.outputs = score_outputs(reason, 0.0, cell.get("execution_count"))
            return nb, resources
        result = outcome.result
        notes = notes_text(result)  # shown once, in the first test cell
        for question in result.questions:
            cell = cells.get(question.id)
            if cell is None:
                self.log.error("no test cell for %s in the course notebook; rebuild the course", question.id)
                continue
            report, points = question_report(question, result), question.points
            maximum = float(cell.metadata.nbgrader["points"])
            if points > maximum:  # the course was built from other graders than convkit's
                self.log.error("%s: convkit gives %s but the cell is worth %s; rebuild the course", question.id,
                               points, maximum)
                report += f"  (capped at this cell's {maximum:g} points: the course is out of date)\n"
                points = maximum
            cell.outputs = score_outputs(report + notes, points, cell.get("execution_count"))
            notes = ""
        return nb, resources

    @staticmethod
    def _missing_test_cells(resources, present: dict) -> list[tuple[str, object]]:
        """(question, cell) for test cells the gradebook has and the submission lacks, in question order.

        A student may delete a test cell, or submit a notebook of another format (otter's).
        nbgrader would then keep no score for those questions, while convkit graded the file
        regardless of its cells. The cell added holds no test code, only the score.
        """
        ids = resources["nbgrader"]
        order = [q.id for q in get_assignment(ids["assignment"]).questions]
        added = []
        with Gradebook(ids["db_url"]) as gradebook:
            notebook = gradebook.find_notebook(ids["notebook"], ids["assignment"])
            sources = {cell.name: cell.source for cell in notebook.source_cells}
            for grade_cell in notebook.grade_cells:
                question = hook_question(sources.get(grade_cell.name) or "")
                if grade_cell.cell_type != "code" or not question or question in present:
                    continue
                cell = nbformat.v4.new_code_cell(f"# {question}: this test cell was missing from the submitted "
                                                 f"notebook; autograde added it back to hold convkit's score.")
                cell.metadata["nbgrader"] = {"schema_version": 3, "grade": True, "solution": False, "locked": True,
                                             "grade_id": grade_cell.name, "points": grade_cell.max_score}
                added.append((question, cell))
        return sorted(added, key=lambda pair: order.index(pair[0]) if pair[0] in order else len(order))


def notes_text(result: SubmissionResult) -> str:
    """What went wrong in the notebook as a whole (cells that raised, limits hit), as in convkit's feedback."""
    notes = submission_notes(result, result.lang)
    heading = render(message("nbgrader.while_running"), result.lang)
    return f"\n{heading}\n" + "".join(f"  - {note}\n" for note in notes) if notes else ""
