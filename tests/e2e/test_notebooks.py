"""The notebooks as students and instructors meet them, executed by a real Jupyter kernel.

The student notebook (stubs in place) runs top to bottom and every check says, in one line,
that its question is not attempted yet; the solution notebook passes every check; convkit gives
them 0 and full marks. Check reports for real mistakes (textbook code, a crash, a half-written
question, a name not defined yet) name what failed in a few lines. Export refuses when it cannot
save the notebook on screen, and otherwise zips the notebook and prints one line per question
from the zip's copy, without the kernel's TCP warning. (The browser test does all of this in
JupyterLab; these tests run without one.)
"""
import json
import shutil
import zipfile

import nbformat
import pytest
from nbclient import NotebookClient

from convkit.assignments import ASSIGNMENTS
from convkit.grading.runner import grade_submission
from convkit.paths import KIT_ROOT
from tests.helpers import textbook_code

pytestmark = pytest.mark.slow
CATALOGUE = KIT_ROOT / "tests" / "data" / "catalogue" / "conv_layer"


@pytest.fixture(autouse=True)
def private_jupyter_dirs(tmp_path, monkeypatch):
    for name in ("IPYTHONDIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
        folder = tmp_path / "jupyter" / name.lower()
        folder.mkdir(parents=True)
        monkeypatch.setenv(name, str(folder))
    monkeypatch.delenv("PYTHONWARNINGS", raising=False)  # students see warnings: so must these tests
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)


def execute(folder, name, tmp_path, edit=None):
    work = tmp_path / "work"
    shutil.copytree(folder, work)
    notebook = nbformat.read(work / name, as_version=4)
    if edit:
        edit(notebook)
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


def stderr(notebook):
    return [o["text"] for c in notebook.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]


def check_report(notebook, question_id) -> str:
    """The check cell's report: one displayed value, the same in text and HTML, no literal backticks."""
    (output,) = outputs(notebook, f"{question_id}-check")
    text, markup = output["data"]["text/plain"], output["data"]["text/html"]
    assert "`" not in text + markup
    return text


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS.values()), ids=lambda a: a.id)
def test_untouched_notebook_says_one_line_per_question_and_export_refuses_without_jupyterlab(
        tmp_path, launcher, limits, assignment):
    folder = KIT_ROOT / "assignments" / assignment.id
    notebook = execute(folder, f"{assignment.id}.ipynb", tmp_path)
    for question in assignment.auto_questions:
        assert check_report(notebook, question.id) == f"{question.id}: not attempted yet"
    # nbclient is not JupyterLab: the export cannot save what is on screen, so it refuses and zips nothing
    assert errors(notebook) == [("submit", "ExportRefused", errors(notebook)[0][2])]
    assert "this kernel was not started by JupyterLab" in errors(notebook)[0][2]
    assert not list((tmp_path / "work").glob("*.zip"))
    assert stderr(notebook) == []
    result = grade_submission(folder / f"{assignment.id}.ipynb", assignment, launcher, limits)
    assert result.total == 0 and result.possible > 0


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS.values()), ids=lambda a: a.id)
def test_solution_notebook_passes_every_check_and_earns_full_marks(tmp_path, launcher, limits, assignment):
    folder = KIT_ROOT / "solutions" / assignment.id
    notebook = execute(folder, f"{assignment.id}.ipynb", tmp_path)
    assert [error[0] for error in errors(notebook)] == ["submit"]  # no JupyterLab to save it
    for question in assignment.auto_questions:
        report = check_report(notebook, question.id)
        assert report.startswith(f"{question.id}: all ") and "public checks passed" in report, report
        assert "\n" not in report and report.count("Hidden tests") == 1
    assert stderr(notebook) == []
    result = grade_submission(folder / f"{assignment.id}.ipynb", assignment, launcher, limits)
    assert result.total == result.possible > 0


def catalogue(question: str, entry: str) -> str:
    return (CATALOGUE / question / f"{entry}.py").read_text()


CORR2D_CRASHES = "def corr2d(X, K):\n    return X @ K  # a matrix product, not a correlation\n"
CONV2D_HALF_WRITTEN = '''class Conv2D(nn.Module):
    def __init__(self, kernel_size):
        super().__init__()
        self.weight = nn.Parameter(torch.rand(kernel_size))
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        # YOUR CODE HERE
        raise NotImplementedError
'''
KERNEL_MATRIX_STUB = '''def kernel_matrix(K, input_shape):
    raise NotImplementedError
'''


def test_check_reports_name_what_failed(tmp_path):
    """Each report: a headline, a line per failing check with its message, the passing ones in one line."""
    scenarios = [  # (code run before the check, question)
        ("", "corr2d"),  # the check before corr2d's cell ran
        (CORR2D_CRASHES, "corr2d"),
        (textbook_code("conv-layer", "corr2d"), "corr2d"),
        (catalogue("corr2d", "valid_unfold") + CONV2D_HALF_WRITTEN, "Conv2D"),
        (catalogue("corr2d_matmul", "valid_unfold_matvec") + KERNEL_MATRIX_STUB, "corr2d_matmul"),
    ]

    def edit(notebook):
        setup = next(i for i, cell in enumerate(notebook.cells) if cell.get("id") == "intro-setup")
        extra = [nbformat.v4.new_code_cell(notebook.cells[0].source, id="init-again")]  # a student re-runs it
        for number, (code, question) in enumerate(scenarios):
            extra += [nbformat.v4.new_code_cell(code or "pass", id=f"case{number}-code"),
                      nbformat.v4.new_code_cell(f'grader.check("{question}")', id=f"case{number}-check")]
        notebook.cells[setup + 1:] = extra

    notebook = execute(KIT_ROOT / "assignments" / "conv-layer", "conv-layer.ipynb", tmp_path, edit)
    assert errors(notebook) == [] and stderr(notebook) == []
    assert outputs(notebook, "init-again") == []  # reloading convkit_student is silent and patches once
    reports = [check_report(notebook, f"case{number}") for number in range(len(scenarios))]

    assert reports[0] == "corr2d: corr2d not defined yet; run the cells above first"
    crash = reports[1].splitlines()
    assert crash[0] == "corr2d: 4 of 4 public checks failed"
    assert "corr2d raised RuntimeError" in crash[1]
    assert crash[1].endswith("(at: return X @ K  # a matrix product, not a correlation)")
    textbook = reports[2].splitlines()
    assert textbook[0] == "corr2d: 2 of 4 public checks failed"
    assert textbook[1].startswith("  ✗ keeps float64: float64 inputs must give a float64 result; got torch.float32")
    assert textbook[2].startswith("  ✗ meta device: corr2d failed on meta tensors")
    assert textbook[3] == "  ✓ passed: d2l example, non square shapes" and len(textbook) == 4
    conv2d = reports[3]
    assert conv2d.startswith("Conv2D: ") and "Conv2D.forward is not written yet" in conv2d, conv2d
    assert "passed: parameters registered" in conv2d and "device" not in conv2d.split("passed:")[0], conv2d
    matmul = reports[4]
    assert "kernel_matrix is not written yet (it still raises NotImplementedError)" in matmul, matmul
    assert "✓ passed: corr2d matmul d2l example" in matmul, matmul


def test_export_zips_the_notebook_and_summarises_the_zips_copy(tmp_path):
    """Saved by hand (force_save=False): the zip holds the file, the summary comes from re-running it."""
    solved = KIT_ROOT / "solutions" / "conv-layer"

    def edit(notebook):
        notebook.cells[-1].source = "grader.export(pdf=False, run_tests=True, force_save=False)"

    notebook = execute(solved, "conv-layer.ipynb", tmp_path, edit)
    assert errors(notebook) == [] and stderr(notebook) == []
    printed = "".join(o["text"] for o in outputs(notebook, "submit") if o.get("name") == "stdout")
    (zip_path,) = (tmp_path / "work").glob("conv-layer_*.zip")
    head, summary = printed.split("The notebook in the zip, run again from the top in a fresh kernel:\n")
    assert head == f"Saved conv-layer.ipynb and wrote {zip_path.name}: submit this file.\n"
    lines = summary.splitlines()
    assert [line.split(":")[0].strip() for line in lines] == [q.id for q in ASSIGNMENTS["conv-layer"].auto_questions]
    assert all("public checks passed" in line for line in lines)
    with zipfile.ZipFile(zip_path) as archive:
        zipped = json.loads(archive.read("conv-layer.ipynb"))
    assert zipped == json.loads((solved / "conv-layer.ipynb").read_text())


def test_export_refuses_to_submit_another_notebook(tmp_path, monkeypatch):
    """A student working in a copy (conv-layer-Copy1.ipynb) would submit the untouched original."""
    copy = tmp_path / "work" / "conv-layer-Copy1.ipynb"
    monkeypatch.setenv("JPY_SESSION_NAME", str(copy))

    def edit(notebook):
        shutil.copy(tmp_path / "work" / "conv-layer.ipynb", copy)

    notebook = execute(KIT_ROOT / "assignments" / "conv-layer", "conv-layer.ipynb", tmp_path, edit)
    ((cell, name, message),) = errors(notebook)
    assert (cell, name) == ("submit", "ExportRefused")
    assert "you are working in conv-layer-Copy1.ipynb, but grader.export submits conv-layer.ipynb" in message
    assert not list((tmp_path / "work").glob("*.zip"))
