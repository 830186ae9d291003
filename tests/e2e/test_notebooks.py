"""The notebooks as students and instructors meet them, executed by a real Jupyter kernel.

The student notebook (stubs in place) runs top to bottom without an error and its checks
fail with messages; the solution notebook passes every check; convkit gives them 0 and
full marks.
"""
import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from convkit.assignments import ASSIGNMENTS
from convkit.grading.runner import grade_submission
from convkit.paths import KIT_ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def private_jupyter_dirs(tmp_path, monkeypatch):
    for name in ("IPYTHONDIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
        folder = tmp_path / "jupyter" / name.lower()
        folder.mkdir(parents=True)
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setenv("PYTHONWARNINGS", "ignore")


def execute(folder, name, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(folder, work)
    notebook = nbformat.read(work / name, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(work)}}).execute()
    return notebook


def outputs(notebook, cell_id):
    cell = next(c for c in notebook.cells if c.get("id") == cell_id)
    return cell.get("outputs", [])


def text_of(outputs_):
    return "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outputs_)


def errors(notebook):
    return [(c.get("id"), o.get("ename"), o.get("evalue")) for c in notebook.cells
            for o in c.get("outputs", []) if o.get("output_type") == "error"]


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS.values()), ids=lambda a: a.id)
def test_student_notebook_runs_clean_and_checks_fail_helpfully(tmp_path, launcher, limits, assignment):
    folder = KIT_ROOT / "assignments" / assignment.id
    notebook = execute(folder, f"{assignment.id}.ipynb", tmp_path)
    assert errors(notebook) == []
    for question in assignment.auto_questions:
        report = text_of(outputs(notebook, f"{question.id}-check"))
        assert "failed" in report.lower() and "NotImplementedError" in report, report[:500]
        assert "convkit check" in report  # says more tests run at grading time
    result = grade_submission(folder / f"{assignment.id}.ipynb", assignment, launcher, limits)
    assert result.total == 0 and result.possible > 0


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS.values()), ids=lambda a: a.id)
def test_solution_notebook_passes_every_check_and_earns_full_marks(tmp_path, launcher, limits, assignment):
    folder = KIT_ROOT / "solutions" / assignment.id
    notebook = execute(folder, f"{assignment.id}.ipynb", tmp_path)
    assert errors(notebook) == []
    for question in assignment.auto_questions:
        assert "All test cases passed!" in text_of(outputs(notebook, f"{question.id}-check")), question.id
    result = grade_submission(folder / f"{assignment.id}.ipynb", assignment, launcher, limits)
    assert result.total == result.possible > 0
