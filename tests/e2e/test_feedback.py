"""Feedback and reports on real submissions, end to end: an empty notebook is a screen, a
function that never returns costs only its own question, a syntax error is named where it is,
a grader's own error is the grader's, and a corr2d that assumes a contiguous X meets X.t()."""
import csv
import json
import shutil
import textwrap

import pytest

from convkit.assignments import Assignment, Question, get_assignment
from convkit.cli import main
from convkit.grading.runner import grade_submission, max_points
from convkit.limits import Limits
from convkit.paths import GRADERS_DIR, KIT_ROOT

pytestmark = pytest.mark.slow

def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_feedback_for_the_untouched_notebook_fits_on_a_screen(tmp_path, capsys):
    folder = tmp_path / "subs"
    folder.mkdir()
    shutil.copy(KIT_ROOT / "assignments" / "conv-layer" / "conv-layer.ipynb", folder / "empty.ipynb")
    code, _, _ = run(capsys, "grade", folder, "--assignment", "conv-layer", "--output", tmp_path / "out", "--quiet")
    assert code == 0
    feedback = (tmp_path / "out" / "feedback" / "empty.md").read_text()
    assert len(feedback.splitlines()) <= 40
    assert feedback.count("not attempted") == len(get_assignment("conv-layer").auto_questions)
    (row,) = csv.DictReader((tmp_path / "out" / "final_grades.csv").open())
    assert row["status"] == "graded; nothing attempted (every question is still its stub)"
    assert row["autograd_note (by hand, /3)"] == "not answered"
    report = (tmp_path / "out" / "report.md").read_text()
    assert "| corr2d | 7 | 0.00 | 0 | 0 | 0 | 1 |" in report


def test_a_function_that_never_returns_costs_only_its_own_question(launcher):
    """corr2d loops forever; Conv2D (built on F.conv2d, not on corr2d) and the kernel question keep
    full marks: corr2d's first call times out, its later calls fail at once, saying why."""
    conv_layer = get_assignment("conv-layer")
    path = KIT_ROOT / "tests" / "data" / "fairness" / "loop_in_corr2d.py"
    limits = Limits(call_seconds=3.0, cell_seconds=3.0)
    result = grade_submission(path, conv_layer, launcher, limits)
    scores = {q.id: q.points for q in result.questions}
    maximum = max_points(conv_layer)
    assert scores["corr2d"] == 0
    assert scores["Conv2D"] == maximum["Conv2D"] and scores["diagonal_edge_kernel"] == maximum["diagonal_edge_kernel"]
    corr2d = next(q for q in result.questions if q.id == "corr2d")
    kinds = [t.detail["kind"] for t in corr2d.tests]
    assert kinds.count("timeout") == 1 and kinds.count("skipped") == len(kinds) - 1
    assert result.seconds < 60


def test_a_syntax_error_is_named_where_it_is_and_the_question_is_not_called_unattempted(launcher, tmp_path):
    conv_layer = get_assignment("conv-layer")
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "source": "import torch", "metadata": {}, "outputs": [], "execution_count": 1},
        {"cell_type": "markdown", "source": "## corr2d", "metadata": {}},
        {"cell_type": "code", "source": "def corr2d(X, K:\n    return X\n", "metadata": {}, "outputs": [],
         "execution_count": 2}]}
    path = tmp_path / "broken.ipynb"
    path.write_text(json.dumps(notebook))
    result = grade_submission(path, conv_layer, launcher, Limits(), question_ids=["corr2d"])
    (question,) = result.questions
    assert question.status == "failed"
    (cell,) = result.cells
    assert cell["label"] == "cell [2]" and cell["error"].startswith("SyntaxError") and "<submission" not in cell["error"]
    messages = {t.message for t in question.tests}
    assert len(messages) == 1 and "corr2d is in cell [2], which has a syntax error" in messages.pop()


GRADER = '''
import pytest
from convkit.grading.checks import check_close
import torch


@pytest.mark.points(2)
def test_buggy(student):
    got = student.call("corr2d", torch.ones(3, 3), torch.ones(2, 2))
    return {}["a grader bug"]


@pytest.mark.points(1)
def test_fine(student):
    student.call("corr2d", torch.ones(3, 3), torch.ones(2, 2))
'''


def test_an_error_inside_a_grader_is_the_graders_and_the_ta_gets_its_traceback(launcher, tmp_path, monkeypatch):
    graders = tmp_path / "autograder" / "graders"
    (graders / "toy").mkdir(parents=True)
    shutil.copy(GRADERS_DIR / "conftest.py", graders / "conftest.py")
    # a module name no real grader has: pytest imports grader modules by their file name
    (graders / "toy" / "test_toy_corr2d.py").write_text(textwrap.dedent(GRADER))
    monkeypatch.setattr("convkit.assignments.GRADERS_DIR", graders)
    toy = Assignment("toy", "Toy", (Question("toy_corr2d", "Cross-correlation", ("corr2d",)),))
    path = tmp_path / "answer.py"
    path.write_text("def corr2d(X, K):\n    return X[:2, :2] * 0\n")
    result = grade_submission(path, toy, launcher, Limits(), question_ids=["toy_corr2d"])
    (question,) = result.questions
    buggy = next(t for t in question.tests if t.name == "test_buggy")
    assert not buggy.passed and buggy.detail["kind"] == "grader_error"
    assert "KeyError" in buggy.detail["traceback"] and "a grader bug" in buggy.detail["traceback"]
    assert "not in your code" in buggy.message and "KeyError" not in buggy.message
    assert next(t for t in question.tests if t.name == "test_fine").passed
