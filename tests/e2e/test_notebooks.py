"""The notebooks as students and instructors meet them, executed by a real Jupyter kernel.

The student notebook (stubs in place) runs top to bottom and every check says, in one line,
that its question is not attempted yet; the solution notebook passes every check; convkit gives
them 0 and full marks; in English and in Chinese, each notebook in its own language. Check
reports for real mistakes (textbook code, a crash, a half-written question, a name not defined
yet) name what failed in a few lines, in the notebook's language. Export refuses when it cannot
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
from convkit.build.check_messages import check_functions
from convkit.build.notebooks import notebook_name
from convkit.build.sources import load_sources, read_all
from convkit.grading.runner import grade_submission
from convkit.languages import LANGUAGES
from convkit.paths import KIT_ROOT
from tests.helpers import say, student_messages, textbook_code

pytestmark = pytest.mark.slow
CATALOGUE = KIT_ROOT / "tests" / "data" / "catalogue" / "conv_layer"
NOTEBOOKS = [(assignment, lang) for assignment in ASSIGNMENTS.values() for lang in LANGUAGES]


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


@pytest.mark.parametrize("assignment, lang", NOTEBOOKS, ids=lambda x: getattr(x, "id", x))
def test_untouched_notebook_says_one_line_per_question_and_export_refuses_without_jupyterlab(
        tmp_path, launcher, limits, assignment, lang):
    folder, name = KIT_ROOT / "assignments" / assignment.id, notebook_name(assignment, lang)
    notebook = execute(folder, name, tmp_path)
    for question in assignment.auto_questions:
        assert check_report(notebook, question.id) == say(lang, "not_attempted", question=question.id)
    # nbclient is not JupyterLab: the export cannot save what is on screen, so it refuses and zips nothing
    assert errors(notebook) == [("submit", "ExportRefused", say(lang, "no_frontend"))]
    assert not list((tmp_path / "work").glob("*.zip"))
    assert stderr(notebook) == []
    result = grade_submission(folder / name, assignment, launcher, limits)
    assert result.total == 0 and result.possible > 0 and result.lang == lang


@pytest.mark.parametrize("assignment, lang", NOTEBOOKS, ids=lambda x: getattr(x, "id", x))
def test_solution_notebook_passes_every_check_and_earns_full_marks(tmp_path, launcher, limits, assignment, lang):
    folder, name = KIT_ROOT / "solutions" / assignment.id, notebook_name(assignment, lang)
    notebook = execute(folder, name, tmp_path)
    assert [error[0] for error in errors(notebook)] == ["submit"]  # no JupyterLab to save it
    checks = {s.id: len(check_functions(s.block("public"))) for s in load_sources(assignment) if s.block("public")}
    for question in assignment.auto_questions:
        assert check_report(notebook, question.id) == say(lang, "passed", question=question.id,
                                                          total=checks[question.id])
    assert stderr(notebook) == []
    result = grade_submission(folder / name, assignment, launcher, limits)
    assert result.total == result.possible > 0 and result.lang == lang


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


def check_messages(lang: str, question: str) -> dict[str, str]:
    """The public checks' messages of a conv-layer question in ``lang``."""
    return next(s for s in load_sources(ASSIGNMENTS["conv-layer"]) if s.id == question).catalogue[lang]


def around(lang: str, key: str, placeholder: str, **values) -> tuple[str, str]:
    """What ``convkit_student`` prints for ``key`` before and after ``placeholder`` (whose value varies)."""
    before, after = student_messages()[lang][key].split("{" + placeholder + "}")
    return before.format(**values), after.format(**values)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_check_reports_name_what_failed(tmp_path, lang):
    """Each report: a headline, a line per failing check with its message, the passing ones in one line; all
    in the notebook's language."""
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

    notebook = execute(KIT_ROOT / "assignments" / "conv-layer", notebook_name(ASSIGNMENTS["conv-layer"], lang),
                       tmp_path, edit)
    assert errors(notebook) == [] and stderr(notebook) == []
    assert outputs(notebook, "init-again") == []  # reloading convkit_student is silent and patches once
    reports = [check_report(notebook, f"case{number}") for number in range(len(scenarios))]
    corr2d = check_messages(lang, "corr2d")

    def line(mark, check, text):
        return f"  {mark} " + say(lang, "check_line", check=check, text=text)

    assert reports[0] == say(lang, "not_defined", question="corr2d", names="corr2d")
    crash = reports[1].splitlines()
    assert crash[0] == say(lang, "failed", question="corr2d", failed=4, total=4)
    raised, at = around(lang, "student_error", "error", function="corr2d",
                        line="return X @ K  # a matrix product, not a correlation")
    assert raised + "RuntimeError" in crash[1] and crash[1].endswith(at), crash[1]
    textbook = reports[2].splitlines()
    assert textbook[0] == say(lang, "failed", question="corr2d", failed=2, total=4)
    assert textbook[1] == line("✗", corr2d["test_keeps_float64"], corr2d["float64"].format(got="torch.float32"))
    meta_failed = corr2d["meta_failed"].split("{error}")[0]
    assert textbook[2].startswith(line("✗", corr2d["test_meta_device"], meta_failed)), textbook[2]
    passed = say(lang, "list_separator").join([corr2d["test_d2l_example"], corr2d["test_non_square_shapes"]])
    assert textbook[3] == "  ✓ " + say(lang, "passed_checks", checks=passed) and len(textbook) == 4
    conv2d = reports[3].splitlines()
    assert conv2d[0].startswith("Conv2D") and [row for row in conv2d if "✗" in row], reports[3]
    assert all(say(lang, "not_written", function="Conv2D.forward") in row for row in conv2d if "✗" in row), reports[3]
    first_passed = check_messages(lang, "Conv2D")["test_parameters_registered"]
    assert conv2d[-1].startswith("  ✓ " + say(lang, "passed_checks", checks=first_passed)), reports[3]
    matmul = reports[4]
    assert say(lang, "not_written", function="kernel_matrix") in matmul, matmul
    d2l_example = check_messages(lang, "corr2d_matmul")["test_corr2d_matmul_d2l_example"]
    assert "✓ " + say(lang, "passed_checks", checks=d2l_example) in matmul, matmul


@pytest.mark.parametrize("lang", LANGUAGES)
def test_export_zips_the_notebook_and_summarises_the_zips_copy(tmp_path, lang):
    """Saved by hand (force_save=False): the zip holds the file, the summary comes from re-running it, in a
    fresh kernel that reads the notebook's language too."""
    assignment = ASSIGNMENTS["conv-layer"]
    solved, name = KIT_ROOT / "solutions" / "conv-layer", notebook_name(assignment, lang)

    def edit(notebook):
        notebook.cells[-1].source = "grader.export(pdf=False, run_tests=True, force_save=False)"

    notebook = execute(solved, name, tmp_path, edit)
    assert errors(notebook) == [] and stderr(notebook) == []
    printed = "".join(o["text"] for o in outputs(notebook, "submit") if o.get("name") == "stdout")
    (zip_path,) = (tmp_path / "work").glob(f"{name.removesuffix('.ipynb')}_*.zip")
    head, summary = printed.split(say(lang, "rechecked") + "\n")
    assert head == say(lang, "exported", notebook=name, zip=zip_path.name) + "\n"
    checks = {s.id: len(check_functions(s.block("public"))) for s in load_sources(assignment) if s.block("public")}
    assert [line.strip() for line in summary.splitlines()] == [
        say(lang, "passed", question=q.id, total=checks[q.id]) for q in assignment.auto_questions]
    with zipfile.ZipFile(zip_path) as archive:
        zipped = json.loads(archive.read(name))
    assert zipped == json.loads((solved / name).read_text())


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
