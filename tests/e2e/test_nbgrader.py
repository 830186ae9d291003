"""nbgrader 0.9.6 from the command line on the committed course (``autograder/nbgrader/``).

A copy of the course goes through ``generate_assignment``, ``autograde``, ``generate_feedback``
and ``export`` with example submissions, and the scores are compared with ``convkit grade`` on
the same files, and every notebook of the run must have been graded by one warm convkit worker.
By default a handful of examples are graded; ``CONVKIT_NBGRADER_E2E=all`` grades every example
of conv-layer.

Two submissions are made from the released notebook, as nbgrader students submit it: one
correct that writes a UserWarning and a line to stderr, and one with stubs only that tries to
write full marks into nbgrader's gradebook.

The Chinese course (``autograder/nbgrader-zh/``) goes through the same steps with a few examples
made from the Chinese texts, and must give the points ``convkit grade`` gives them.
"""
import copy
import csv
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader.utils import determine_grade

from convkit.assignments import ASSIGNMENTS, get_assignment
from convkit.build import examples
from convkit.build.nbgrader import COURSE_DIR, HOOK, NOT_SCORED, course_dir
from convkit.build.notebooks import notebook_name
from convkit.build.sources import load_sources
from convkit.languages import LANGUAGES
from convkit.grading.runner import max_points
from convkit.nbgrader_plugin import ConvkitApply, grade_notebook
from convkit.paths import KIT_ROOT
from tests.helpers import jupyter_env

pytestmark = pytest.mark.slow

COURSE = KIT_ROOT / COURSE_DIR
ASSIGNMENT = "conv-layer"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
EXAMPLES = KIT_ROOT / "examples" / ASSIGNMENT
DEFAULT_EXAMPLES = ["full_marks", "partly_done", "textbook_device_dtype", "cheater", "old_jupyter_format",
                    "not_a_notebook"]
UNREADABLE = "not_a_notebook"  # not JSON: nbgrader cannot read it either
WARNS, TAMPERS = "warns_on_stderr", "tampers_with_gradebook"
BIN = Path(sys.executable).parent
# What feedback must never show: the hidden part of the test cells, the solutions, the graders.
HIDDEN_MARKERS = ["BEGIN HIDDEN TESTS", "END HIDDEN TESTS", HOOK.strip(), NOT_SCORED, "stderr.write",
                  "BEGIN SOLUTION", "import reference", "random_tensor(", "pytest.mark.points"]


def chosen_examples() -> list[Path]:
    if os.environ.get("CONVKIT_NBGRADER_E2E") == "all":
        return sorted(EXAMPLES.glob("*.ipynb"))
    return [EXAMPLES / f"{name}.ipynb" for name in DEFAULT_EXAMPLES]


def run(command: list, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=1800)


def solved(release: Path, extra: dict[str, str]) -> nbformat.NotebookNode:
    """The released notebook with every question answered (code: the question's solution)."""
    notebook = nbformat.read(release, as_version=4)
    solutions = {s.id: s.block("solution") for s in load_sources(get_assignment(ASSIGNMENT))}
    for cell in notebook.cells:
        question, _, role = cell.get("id", "").rpartition("-")
        if role == "code":
            cell.source = extra.get(question, "") + solutions[question] + extra.get(question + "+", "")
        elif role == "answer":
            cell.source = "Autograd records each write into Y[i, j] as an operation of its own ..."
    return notebook


WARNING_CODE = ("import sys\nimport warnings\n\n"
                "warnings.warn('a warning from correct code', UserWarning)\n"
                "print('a line on stderr from correct code', file=sys.stderr)\n\n")
WRAPPED_CORR2D = ("\n\n_plain_corr2d = corr2d\n\n\ndef corr2d(X, K):\n"
                  "    warnings.warn('corr2d was called', UserWarning)\n    return _plain_corr2d(X, K)\n")


def tampering(release: Path, gradebook: Path) -> nbformat.NotebookNode:
    """Stubs, plus a cell giving its author every cell's maximum as a manual score in the gradebook."""
    notebook = nbformat.read(release, as_version=4)
    attack = (f"import sqlite3\nwith sqlite3.connect({str(gradebook)!r}) as db:\n"
              "    db.execute('''UPDATE grade SET manual_score = (SELECT max_score FROM grade_cells\n"
              "                  WHERE grade_cells.id = grade.cell_id)''')\n")
    notebook.cells.insert(3, nbformat.v4.new_code_cell(attack))
    return notebook


class Graded:
    def __init__(self, root: Path, notebook: str = NOTEBOOK):
        self.root = root
        self.notebook = notebook
        self.course = root / "course"
        self.env = jupyter_env(root / "jupyter")
        self.students: list[str] = []
        self.logs: dict[str, subprocess.CompletedProcess] = {}

    def nbgrader(self, *args, env: dict | None = None) -> subprocess.CompletedProcess:
        done = run([BIN / "nbgrader", *args], self.course, env or self.env)
        self.logs[args[0]] = done
        return done

    def scores(self) -> dict[str, float]:
        return {row["student_id"]: float(row["score"]) for row in self.export_rows()}

    def export_rows(self) -> list[dict]:
        with open(self.root / "grades.csv", newline="") as stream:
            return list(csv.DictReader(stream))

    def convkit_totals(self) -> dict[str, float]:
        with open(self.root / "convkit" / "final_grades.csv", newline="") as stream:
            return {Path(row["file"]).stem: float(row["total"]) for row in csv.DictReader(stream)}

    def convkit_possible(self) -> float:
        with open(self.root / "convkit" / "final_grades.csv", newline="") as stream:
            return float(next(csv.DictReader(stream))["possible"])

    def autograded(self, student: str) -> nbformat.NotebookNode:
        return nbformat.read(self.course / "autograded" / student / ASSIGNMENT / self.notebook, as_version=4)

    def feedback(self) -> dict[str, str]:
        return {path.parts[-3]: path.read_text(encoding="utf-8")
                for path in sorted((self.course / "feedback").glob(f"*/{ASSIGNMENT}/*.html"))}


def run_course(g: Graded, course: Path, make_submissions) -> Graded:
    """Copy ``course``, release the assignment, grade the files ``make_submissions(release, files, gradebook)``
    writes into ``files`` with ``convkit grade``, then submit, autograde, feed back and export them with nbgrader."""
    shutil.copytree(course, g.course, ignore=shutil.ignore_patterns(
        "release", "submitted", "autograded", "feedback", "gradebook.db", ".ipynb_checkpoints", "__pycache__"))
    done = g.nbgrader("generate_assignment", ASSIGNMENT)
    assert done.returncode == 0, done.stderr[-3000:]
    flat = g.root / "files"  # the same files, one per student, for `convkit grade`
    flat.mkdir()
    make_submissions(g.course / "release" / ASSIGNMENT / g.notebook, flat, g.course / "gradebook.db")

    # convkit's own sandbox must not see the course either (the tampering cell aims at its gradebook).
    done = run([BIN / "convkit", "grade", flat, "--assignment", ASSIGNMENT, "--output", g.root / "convkit",
                "-j", "2", "--quiet"], g.root, dict(g.env, CONVKIT_PRIVATE=str(g.course)))
    assert done.returncode == 0, done.stderr[-3000:]

    for path in sorted(flat.glob("*.ipynb")):  # renamed as the assignment's notebook, as students submit
        folder = g.course / "submitted" / path.stem / ASSIGNMENT
        folder.mkdir(parents=True)
        shutil.copy(path, folder / g.notebook)
    g.students = sorted(p.stem for p in flat.glob("*.ipynb"))
    (g.root / "timings").mkdir()  # each grading worker writes a line per notebook there (convkit.timings)
    g.nbgrader("autograde", ASSIGNMENT, env=dict(g.env, CONVKIT_TIMINGS=str(g.root / "timings")))  # one call for all
    for step in (["generate_feedback", ASSIGNMENT], ["export", "--to", g.root / "grades.csv"]):
        done = g.nbgrader(*step)
        assert done.returncode == 0, done.stderr[-3000:]
    return g


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Graded:
    """One pass of the whole workflow; the tests below read what it left."""
    def submissions(release, flat, gradebook):
        for example in chosen_examples():
            shutil.copy(example, flat / example.name)
        nbformat.write(solved(release, {"corr2d": WARNING_CODE, "corr2d+": WRAPPED_CORR2D}), flat / f"{WARNS}.ipynb")
        nbformat.write(tampering(release, gradebook), flat / f"{TAMPERS}.ipynb")

    g = run_course(Graded(tmp_path_factory.mktemp("nbgrader")), COURSE, submissions)
    g.nbgrader("validate", g.course / "submitted" / WARNS / ASSIGNMENT / NOTEBOOK)  # what a student runs
    return g


#: Examples the Chinese course grades, made from the Chinese texts.
CHINESE_EXAMPLES = ["full_marks", "partly_done", "textbook_device_dtype"]


@pytest.fixture(scope="module")
def graded_chinese(tmp_path_factory) -> Graded:
    """The Chinese course, through the same workflow, with examples made from the Chinese texts."""
    assignment = get_assignment(ASSIGNMENT)

    def submissions(release, flat, gradebook):
        made = examples.variants(assignment, [s.localised("zh") for s in load_sources(assignment)])
        for name in CHINESE_EXAMPLES:
            (flat / f"{name}.ipynb").write_bytes(made[f"{name}.ipynb"])
        nbformat.write(solved(release, {}), flat / "released_and_solved.ipynb")  # keeps the release's test cells

    return run_course(Graded(tmp_path_factory.mktemp("nbgrader-zh"), notebook_name(assignment, "zh")),
                      KIT_ROOT / course_dir("zh"), submissions)


def test_autograde_fails_only_the_notebook_nbgrader_cannot_read(graded):
    log = graded.logs["autograde"].stderr
    failed = re.findall(r"There was an error processing assignment '[^']*' for student '([^']*)'", log)
    expected = [UNREADABLE] if UNREADABLE in graded.students else []
    assert failed == expected, log[-3000:]
    assert graded.logs["autograde"].returncode == (1 if expected else 0)


def test_export_has_one_row_per_student(graded):
    rows = graded.export_rows()
    assert sorted(row["student_id"] for row in rows) == graded.students
    assert all(row["assignment"] == ASSIGNMENT for row in rows)


def test_nbgrader_scores_equal_convkit_grade(graded):
    scores, totals = graded.scores(), graded.convkit_totals()
    assert sorted(totals) == graded.students
    differ = {s: (scores.get(s), totals[s]) for s in graded.students if abs(scores.get(s, -1) - totals[s]) > 1e-6}
    assert not differ, f"student: (nbgrader, convkit grade) {differ}"
    assert len({round(v, 6) for v in totals.values()}) >= 3  # the examples really differ (full, partial, zero)


def test_one_warm_worker_grades_every_notebook_of_the_run(graded):
    from convkit.timings import read_folder

    records = read_folder(graded.root / "timings")
    readable = [student for student in graded.students if student != UNREADABLE]
    assert len(records) == len(readable) > 1
    assert len({record["pid"] for record in records}) == 1, records  # started once, not once per notebook


def test_feedback_reveals_no_hidden_tests(graded):
    feedback = graded.feedback()
    readable = [s for s in graded.students if s != UNREADABLE]
    assert sorted(feedback) == readable
    for student, page in feedback.items():
        text = shown_text(page)
        leaks = [marker for marker in HIDDEN_MARKERS if marker in page or marker in text]
        assert not leaks, f"{student}'s feedback shows {leaks}"
        assert "graded by convkit" in text, student  # convkit's report is what the test cells show
    # a notebook submitted as released keeps its test cells: their public part stays, hidden part goes
    assert "def test_d2l_example(corr2d, torch):" in shown_text(feedback[WARNS])


def shown_text(page: str) -> str:
    """What a reader of the HTML sees: syntax highlighting splits code into many tags."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_warning_on_stderr_from_correct_code_keeps_full_marks(graded):
    assert graded.scores()[WARNS] == graded.convkit_possible() > 0
    notebook = graded.autograded(WARNS)
    tests = [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade")
             and cell.cell_type == "code"]
    assert len(tests) == len(get_assignment(ASSIGNMENT).auto_questions)
    for cell in tests:
        assert determine_grade(cell)[0] == cell.metadata.nbgrader.points, cell.source[:80]
        assert not [o for o in cell.outputs if o.output_type == "error" or o.get("name") == "stderr"]


def test_warnings_do_not_fail_a_students_own_validation(graded):
    """``nbgrader validate`` runs the public checks in the student's kernel, which calls the noisy corr2d."""
    output = graded.logs["validate"].stdout + graded.logs["validate"].stderr
    assert "Success! Your notebook passes all the tests." in output, output[-3000:]


def test_student_code_cannot_write_its_score_into_the_gradebook(graded):
    assert graded.convkit_totals()[TAMPERS] == 0
    assert graded.scores()[TAMPERS] == 0


def test_the_chinese_course_scores_what_convkit_grade_does(graded_chinese):
    scores, totals = graded_chinese.scores(), graded_chinese.convkit_totals()
    assert sorted(scores) == sorted(totals) == sorted(CHINESE_EXAMPLES + ["released_and_solved"])
    assert all(abs(scores[s] - totals[s]) < 1e-6 for s in totals), (scores, totals)
    assert totals["released_and_solved"] == totals["full_marks"] == graded_chinese.convkit_possible() > 0
    assert len({round(v, 6) for v in totals.values()}) == 3  # full, partial, textbook: three different totals
    feedback = graded_chinese.feedback()
    for student, page in feedback.items():
        text = shown_text(page)
        assert not [m for m in HIDDEN_MARKERS if m in page or m in text], student
        assert "互相关运算" in text, student  # the notebook's Chinese prose
    # the release's test cells: their public part, in Chinese, stays; their hidden part goes
    assert "corr2d 的公开检查：它们就在你的 notebook 里运行。" in shown_text(feedback["released_and_solved"])
    # convkit's report in each test cell speaks the notebook's language too
    textbook = shown_text(feedback["textbook_device_dtype"])
    assert "（由 convkit 根据提交的笔记本评分，包含隐藏测试）" in textbook and "部分正确" in textbook
    assert "graded by convkit" not in textbook


# ---------------------------------------------------------------- without nbgrader's command line (fast)
def notebook_with_test_cells(points: dict[str, float]) -> nbformat.NotebookNode:
    cells = []
    for question, maximum in points.items():
        cell = nbformat.v4.new_code_cell(f"### BEGIN HIDDEN TESTS\n{HOOK}{question}\n### END HIDDEN TESTS")
        cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": maximum,
                                     "grade_id": f"{question}-tests", "schema_version": 3}
        cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": repr(maximum)})]
        cells.append(cell)
    return nbformat.v4.new_notebook(cells=cells)


def test_a_notebook_convkit_cannot_grade_scores_zero_with_the_reason(monkeypatch):
    monkeypatch.setattr(ConvkitApply, "_missing_test_cells", staticmethod(lambda resources, present: []))
    notebook = notebook_with_test_cells({"corr2d": 7.0, "Conv2D": 9.0})
    outcome = grade_notebook(copy.deepcopy(notebook), ASSIGNMENT, "conv-layer", timeout=0.2, hide=[])
    assert outcome.result is None and outcome.error == "convkit did not finish grading within 0.2 s"
    graded_nb, _ = ConvkitApply().preprocess(notebook, {"convkit": outcome, "nbgrader": {}})
    for cell in graded_nb.cells:
        assert determine_grade(cell) == (0.0, cell.metadata.nbgrader.points)
        assert "convkit could not grade this notebook: convkit did not finish" in cell.outputs[0].text


@pytest.mark.parametrize("assignment, lang", [(a, lang) for a in ASSIGNMENTS.values() for lang in LANGUAGES],
                         ids=lambda x: getattr(x, "id", x))
def test_source_notebook_passes_its_public_checks_and_counts_convkits_points(tmp_path, monkeypatch, assignment,
                                                                             lang):
    """The instructor's notebook (solutions in place) runs clean, and every test cell is worth the question,
    in each language's course."""
    source = KIT_ROOT / course_dir(lang) / "source" / assignment.id / notebook_name(assignment, lang)
    notebook = nbformat.read(source, as_version=4)
    for name, value in jupyter_env(tmp_path).items():
        if name.startswith(("IPYTHON", "JUPYTER")):
            monkeypatch.setenv(name, value)
    NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [(c.get("id"), o.ename, o.evalue) for c in notebook.cells for o in c.get("outputs", [])
              if o.output_type == "error"]
    assert errors == []
    points = max_points(assignment)
    for question in assignment.auto_questions:
        cell = next(c for c in notebook.cells if c.get("id") == f"{question.id}-tests")
        assert cell.metadata.nbgrader.points == points[question.id]
        stdout = "".join(o.get("text", "") for o in cell.outputs if o.get("name") == "stdout")
        passed = {"en": ": Public checks passed.", "zh": "：公开检查全部通过。"}[lang]
        assert stdout.startswith(question.id + passed), stdout
        # run without convkit's preprocessors, the hidden hook writes to stderr: nbgrader would give 0
        assert determine_grade(cell)[0] == 0
    manual = [c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("solution")
              and c.cell_type == "markdown"]
    assert len(manual) == sum(q.manual for q in assignment.questions)
