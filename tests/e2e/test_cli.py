"""The ``convkit`` command as users meet it: exit codes, one-line errors, feedback, batch rows."""
import csv
import json

import pytest

from convkit.assignments import get_assignment
from convkit.cli import main
from convkit.grading.runner import grader_tests, max_points
from tests.helpers import notebook, textbook_code

pytestmark = pytest.mark.slow

TEXTBOOK = textbook_code("conv-layer", "corr2d")  # d2l's corr2d as printed
STUB = "def corr2d(X, K):\n    # YOUR CODE HERE\n    raise NotImplementedError\n"


@pytest.fixture(scope="module")
def corr2d_points() -> tuple[float, float]:
    """corr2d's maximum, and what d2l's textbook code earns (all but the dtype and device tests), from the grader."""
    conv_layer = get_assignment("conv-layer")
    maximum = max_points(conv_layer)["corr2d"]
    dtype_device = sum(t.points for t in grader_tests(conv_layer)
                       if t.question == "corr2d" and ("dtype" in t.name or "device" in t.name))
    assert 0 < dtype_device < maximum
    return maximum, maximum - dtype_device


def write_notebook(path, cells):
    path.write_text(json.dumps(notebook(cells)))
    return path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_stub_notebook_is_one_line_per_question(tmp_path, capsys):
    path = write_notebook(tmp_path / "stub.ipynb", ["import torch", STUB])
    code, out, _ = run(capsys, "check", path, "--assignment", "conv-layer")
    assert code == 1
    questions = [q for q in get_assignment("conv-layer").questions if not q.manual]
    assert out.count("not attempted") == len(questions)
    assert "NotImplementedError" not in out  # its tests were not even run
    assert len(out.splitlines()) <= len(questions) + 6


HALF_DONE = """import torch


def corr2d_matmul(X, K):
    kh, kw = K.shape
    oh, ow = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    return (X.unfold(0, kh, 1).unfold(1, kw, 1).reshape(oh * ow, -1) @ K.reshape(-1)).reshape(oh, ow)


def kernel_matrix(K, input_shape):
    raise NotImplementedError


def transpose_corr2d(Y, K, input_shape):
    raise NotImplementedError
"""


def test_a_function_left_as_its_stub_in_an_attempted_question_is_one_finding(tmp_path, capsys):
    path = tmp_path / "half.py"
    path.write_text(HALF_DONE)
    code, out, _ = run(capsys, "check", path, "--question", "corr2d_matmul")
    assert code == 1
    assert out.count("is not written yet (it raised NotImplementedError)") == 2  # one per function, not per test
    assert len(out.splitlines()) < 20


def test_textbook_notebook_with_magics_and_a_failing_cell(tmp_path, capsys):
    cells = ["%matplotlib inline\n!pip install d2l", "import torch", "1 / 0", TEXTBOOK]
    path = write_notebook(tmp_path / "textbook.ipynb", cells)
    code, out, _ = run(capsys, "check", path, "--question", "corr2d")
    assert code == 1
    assert "code cell 3 raised an error: ZeroDivisionError" in out  # numbered as JupyterLab shows code cells
    assert "<submission" not in out and "#2" not in out  # no internal names
    assert "d2l_example" not in out  # passing tests are not listed
    assert "keeps_dtype (2 of 2 cases)" in out and "expected: dtype float64" in out
    assert "torch.zeros(...) at code cell 4, line 7 creates a float32 tensor" in out  # the line that does it
    assert "creates its tensor on the CPU: pass device=X.device" in out
    assert "autograd_note" not in out  # --question corr2d: only that question


def test_full_marks_exit_zero(tmp_path, capsys, corr2d_points):
    path = tmp_path / "good.py"
    path.write_text("def corr2d(X, K):\n    kh, kw = K.shape\n"
                    "    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))\n")
    code, out, _ = run(capsys, "check", path, "--question", "corr2d")
    maximum, _ = corr2d_points
    assert code == 0 and f"{maximum:g} / {maximum:g}" in out


@pytest.mark.parametrize("argv, problem", [
    (["check", "{tmp}/missing.ipynb"], "{tmp}/missing.ipynb: no such file"),
    (["check", "{tmp}/junk.ipynb"], "{tmp}/junk.ipynb: not a notebook"),
    (["check", "{tmp}/junk.ipynb", "--assignment", "nope"], "{tmp}/junk.ipynb: not a notebook"),
    (["check", "{tmp}/ok.py", "--assignment", "nope"], "unknown assignment 'nope'"),
    (["check", "{tmp}/ok.py", "--question", "corr3d"], "unknown question 'corr3d'"),
    (["grade", "{tmp}/nowhere", "--assignment", "conv-layer", "--output", "{tmp}/out"], "{tmp}/nowhere: no such directory"),
    (["grade", "{tmp}", "--assignment", "channelz", "--output", "{tmp}/out"], "unknown assignment 'channelz'"),
])
def test_usage_errors_are_one_line_exit_2(tmp_path, capsys, argv, problem):
    (tmp_path / "junk.ipynb").write_text("not json")
    (tmp_path / "ok.py").write_text("x = 1\n")
    code, _, err = run(capsys, *[a.format(tmp=tmp_path) for a in argv])
    assert code == 2
    assert err.startswith("convkit: " + problem.format(tmp=tmp_path))
    assert len(err.strip().splitlines()) == 1


def test_grade_gives_every_submission_a_row(tmp_path, capsys, corr2d_points):
    folder = tmp_path / "subs"
    folder.mkdir()
    write_notebook(folder / "textbook.ipynb", [TEXTBOOK])
    (folder / "broken.ipynb").write_text("{not json")
    (folder / "syntax.py").write_text("def corr2d(:\n")
    (folder / "notes.txt").write_text("ignored: not a submission")
    output = tmp_path / "out"
    code, out, _ = run(capsys, "grade", folder, "--assignment", "conv-layer", "--output", output, "--quiet")
    assert code == 0
    rows = {row["file"]: row for row in csv.DictReader((output / "final_grades.csv").open())}
    assert sorted(rows) == ["broken.ipynb", "syntax.py", "textbook.ipynb"]
    assert rows["broken.ipynb"]["total"] == "0" and "not a notebook" in rows["broken.ipynb"]["status"]
    assert "syntax error at line 1" in rows["syntax.py"]["status"]
    assert float(rows["textbook.ipynb"]["corr2d"]) == corr2d_points[1]
    assert float(rows["textbook.ipynb"]["possible"]) == float(rows["broken.ipynb"]["possible"]) > 0
    assert (output / "feedback" / "textbook.md").exists() and (output / "report.md").exists()
