"""otter-grader with convkit's plugin: the autograder zips (built once for the session), graded by otter itself.

Fast tests check the plugin's score mapping on otter's own result objects. The end-to-end
tests grade example submissions with ``otter run``'s code path (``otter.run.main``, which
the ``otter run`` command calls; one Python process runs every submission, to pay otter's
start-up once) and compare ``results.json`` with ``convkit grade`` on the same files.
Each submission costs otter a kernel start plus a convkit run (~20-40 s here); by default
a few examples per assignment run, ``CONVKIT_OTTER_E2E=all`` runs every example. Three more
runs use otter's commands exactly as a TA types them (``otter run`` with a clean
environment, on a notebook and on an export zip) and the zip's own ``run_otter.py`` as
Gradescope starts it, with convkit not installed. One autograder serves both languages: a few
examples are made again in Chinese (the same code) and otter gives them the English notebook's
points.
"""
import json
import os
import pickle
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

pytest.importorskip("otter")

from otter.run.run_autograder.autograder_config import AutograderConfig  # noqa: E402
from otter.test_files import GradingResults  # noqa: E402
from otter.test_files.exception_test import ExceptionTestFile  # noqa: E402

from convkit.assignments import ASSIGNMENTS  # noqa: E402
from convkit.build import examples  # noqa: E402
from convkit.build.sources import load_sources  # noqa: E402
from convkit.build.otter import question_test_file  # noqa: E402
from convkit.build.sources import QuestionSource  # noqa: E402
from convkit.grading.results import QuestionResult, SubmissionResult, TestResult, load_result  # noqa: E402
from convkit.check_process import CheckOutcome  # noqa: E402
from convkit.otter_plugin import apply_outcome, remove_uploaded_extras, run_convkit  # noqa: E402
from convkit.paths import KIT_ROOT  # noqa: E402
from convkit.messages import message, render  # noqa: E402
from tests.helpers import english_leaks, jupyter_env  # noqa: E402

EXAMPLES = KIT_ROOT / "examples"
DEFAULT_EXAMPLES = {
    "conv-layer": ["full_marks", "partly_done", "cheater", "infinite_loop", "not_a_notebook"],
    "channels": ["full_marks"],
}
UNREADABLE = "not_a_notebook"
#: Examples otter also grades as made from the Chinese texts (the same code as the English ones).
CHINESE = [("conv-layer", "partly_done"), ("channels", "full_marks")]


def chosen_examples() -> list[tuple[str, str]]:
    if os.environ.get("CONVKIT_OTTER_E2E") == "all":
        return [(a, p.stem) for a in ASSIGNMENTS for p in sorted((EXAMPLES / a).glob("*.ipynb"))]
    return [(a, name) for a, names in DEFAULT_EXAMPLES.items() for name in names]


# ---------------------------------------------------------------- the plugin's mapping (fast)
def otter_results(autograder: Path) -> GradingResults:
    """What otter's kernel hands the plugin: the zip's tests run against an empty notebook."""
    with zipfile.ZipFile(autograder) as archive:
        files = [ExceptionTestFile.from_string(archive.read(name).decode(), path=name)
                 for name in sorted(archive.namelist()) if name.startswith("tests/")]
    for test_file in files:
        test_file.run({})
    return GradingResults(files)


def convkit_result(results: GradingResults, points: dict[str, float], not_attempted=()) -> SubmissionResult:
    """A convkit result for otter's questions: full marks unless ``points`` says otherwise."""
    questions = []
    for name in results.test_files:
        maximum = results.get_result(name).possible
        if name in not_attempted:
            tests = [TestResult(name, "test_a", 0.0, maximum, False, f"not attempted: {name} not defined")]
            questions.append(QuestionResult(name, 0.0, maximum, "not attempted", tests))
            continue
        got = points.get(name, maximum)
        tests = [TestResult(name, "test_value", got, maximum, got == maximum,
                            "" if got == maximum else "expected: dtype float64\ngot: dtype float32")]
        status = "passed" if got == maximum else "partial" if got else "failed"
        questions.append(QuestionResult(name, got, maximum, status, tests))
    return SubmissionResult("sub.ipynb", "conv-layer", questions=questions)


def gradescope(results: GradingResults, autograder: Path) -> dict:
    with zipfile.ZipFile(autograder) as archive:
        config = json.loads(archive.read("otter_config.json"))
    return results.to_gradescope_dict(AutograderConfig(config))


def test_mapping_gives_convkit_points_and_messages_not_the_kernels(otter_zips):
    results = otter_results(otter_zips["conv-layer"])
    assert results.total == 0  # the tests ran against an empty notebook
    ours = convkit_result(results, {"corr2d": 5.0, "Conv2D": 0.0}, not_attempted={"learn_kernel"})
    warnings = apply_outcome(results, CheckOutcome(ours, report="REPORT TEXT"))
    assert warnings == []
    for question in ours.questions:
        assert results.get_result(question.id).score == question.points
    assert results.total == ours.total
    corr2d = results.get_result("corr2d").summary()
    assert "All test cases passed" not in corr2d and "expected: dtype float64" in corr2d
    assert "not attempted (the stub is unchanged)" in results.get_result("learn_kernel").summary()
    assert "All test cases passed" in results.get_result("convolve2d").summary()
    output = gradescope(results, otter_zips["conv-layer"])
    assert output["output"].endswith("REPORT TEXT")
    rows = {t["name"]: t for t in output["tests"]}
    assert "Public Tests" not in rows
    assert {name: row["score"] for name, row in rows.items()} == {q.id: q.points for q in ours.questions}
    assert {row["visibility"] for row in rows.values()} == {"visible"}


def test_mapping_without_a_convkit_result_gives_zero_and_the_reason(otter_zips):
    results = otter_results(otter_zips["channels"])
    for test_file in results.results.values():  # as if the kernel had been fooled into passing
        for case in test_file.test_case_results:
            case.passed = True
    assert results.total == results.possible > 0
    apply_outcome(results, CheckOutcome(None, error="sub.ipynb: not a notebook (invalid JSON at line 1)"))
    assert results.total == 0
    assert "not a notebook (invalid JSON at line 1)" in results.output
    for name in results.test_files:
        assert "All test cases passed" not in results.get_result(name).summary()


def test_mapping_warns_when_the_zip_and_convkit_disagree(otter_zips):
    results = otter_results(otter_zips["channels"])
    ours = convkit_result(results, {})
    ours.questions[0].max_points += 1
    extra = ours.questions.pop()
    warnings = apply_outcome(results, CheckOutcome(ours))
    assert any("differs from convkit's" in w for w in warnings)
    assert any(extra.id in w and "not graded by convkit" in w for w in warnings)
    assert results.get_result(extra.id).score == 0


def test_question_without_public_checks_still_carries_convkits_maximum(tmp_path):
    source = QuestionSource("corr2d", tmp_path / "01-corr2d.md", "prose\n", {"stub": "x\n", "solution": "x\n"})
    test_file = ExceptionTestFile.from_string(question_test_file(source, 7.5).decode())
    test_file.run({})
    assert test_file.name == "corr2d" and test_file.possible == 7.5 and test_file.score == 0


def test_files_uploaded_beside_the_notebook_are_removed(tmp_path):
    submission = tmp_path / "submission"
    (submission / "tests").mkdir(parents=True)
    (submission / "convkit").mkdir()
    for name in ("hw.ipynb", "__init__.py", ".OTTER_LOG", "otter.py"):
        (submission / name).write_text("x")
    (submission / "torch").mkdir()
    removed = remove_uploaded_extras(submission / "hw.ipynb", keep={"tests", "__init__.py", "convkit"})
    assert removed == [".OTTER_LOG", "otter.py", "torch"]
    assert sorted(p.name for p in submission.iterdir()) == ["__init__.py", "convkit", "hw.ipynb", "tests"]


def test_unreadable_submission_gives_the_reason_from_convkit(tmp_path):
    submission = tmp_path / "autograder" / "submission" / "hw.ipynb"
    submission.parent.mkdir(parents=True)
    submission.write_text('{"cells": [ not JSON')
    outcome = run_convkit(submission, "conv-layer", timeout=120)
    assert outcome.result is None
    assert outcome.error == "hw.ipynb: not a notebook (invalid JSON at line 1)"


def test_convkit_past_its_time_is_stopped_and_scores_nothing(tmp_path):
    submission = tmp_path / "autograder" / "submission" / "full_marks.ipynb"
    submission.parent.mkdir(parents=True)
    shutil.copy(EXAMPLES / "conv-layer" / "full_marks.ipynb", submission)
    outcome = run_convkit(submission, "conv-layer", timeout=1)
    assert outcome.result is None and outcome.error == "convkit did not finish grading within 1 s"
    assert outcome.seconds < 10


# ---------------------------------------------------------------- otter run, end to end
DRIVER = r"""
import json, sys, traceback
from pathlib import Path
from otter.run import main as otter_run

for zip_path, submission, out in json.load(sys.stdin):
    Path(out).mkdir(parents=True, exist_ok=True)
    try:
        otter_run(submission, autograder=zip_path, output_dir=out, no_logo=True)
        status = "ok"
    except BaseException:
        status = traceback.format_exc()
    Path(out, "status.txt").write_text(status)
    print(f"=== {submission}: {status.splitlines()[-1]}", flush=True)
"""

MARKER_CODE = "open({path!r}, 'w').write('student code ran in the grading process')"


class _Payload:
    """Pickles to a call of ``exec``: what a forged ``.OTTER_LOG`` does when otter unpickles it."""

    def __init__(self, code):
        self.code = code

    def __reduce__(self):
        return (exec, (self.code,))


def hostile_export(folder: Path, notebook: Path, markers: dict[str, Path]) -> Path:
    """An otter export as ``grader.export()`` names it, with a forged otter log and an ``otter.py``
    for otter's kernel beside the notebook."""
    upload = folder / "conv-layer_2026_11_30T10_00_00_123456.zip"
    with zipfile.ZipFile(upload, "w") as archive:
        archive.writestr("conv-layer.ipynb", notebook.read_bytes())
        archive.writestr(".OTTER_LOG", pickle.dumps(_Payload(MARKER_CODE.format(path=str(markers["log"])))))
        archive.writestr("__zip_filename__", upload.name)
        archive.writestr("otter.py", MARKER_CODE.format(path=str(markers["module"])) + "\n")
    return upload


class Graded:
    def __init__(self, root: Path):
        self.root = root

    def convkit(self, assignment_id: str, name: str) -> SubmissionResult:
        return load_result(self.root / "convkit" / assignment_id / "results" / f"{name}.json")

    def otter_dir(self, assignment_id: str, name: str, lang: str = "en") -> Path:
        return self.root / ("otter" if lang == "en" else f"otter-{lang}") / assignment_id / name

    def otter(self, assignment_id: str, name: str, lang: str = "en") -> dict | None:
        path = self.otter_dir(assignment_id, name, lang) / "results.json"
        return json.loads(path.read_text()) if path.is_file() else None


def question_scores(results_json: dict) -> dict[str, tuple[float, float]]:
    return {t["name"]: (t["score"], t["max_score"]) for t in results_json["tests"] if "score" in t}


@pytest.fixture(scope="module")
def graded(tmp_path_factory, otter_zips):
    """Every chosen example graded by ``convkit grade`` and by otter with the built zip."""
    root = tmp_path_factory.mktemp("otter-e2e")
    env = jupyter_env(root / "jupyter", PYTHONWARNINGS="ignore")
    chosen = chosen_examples()
    jobs = []
    for assignment_id in sorted({a for a, _ in chosen}):
        folder = root / "submissions" / assignment_id
        folder.mkdir(parents=True)
        for name in [n for a, n in chosen if a == assignment_id]:
            shutil.copy(EXAMPLES / assignment_id / f"{name}.ipynb", folder)
            jobs.append([str(otter_zips[assignment_id]), str(folder / f"{name}.ipynb"),
                         str(root / "otter" / assignment_id / name)])
        subprocess.run([sys.executable, "-m", "convkit.cli", "grade", str(folder), "--assignment", assignment_id,
                        "--output", str(root / "convkit" / assignment_id), "--quiet"],
                       env=env, check=True, capture_output=True, timeout=900)
    for assignment_id, name in CHINESE:
        folder = root / "submissions-zh" / assignment_id
        folder.mkdir(parents=True, exist_ok=True)
        assignment = ASSIGNMENTS[assignment_id]
        made = examples.variants(assignment, [s.localised("zh") for s in load_sources(assignment)])
        (folder / f"{name}.ipynb").write_bytes(made[f"{name}.ipynb"])
        jobs.append([str(otter_zips[assignment_id]), str(folder / f"{name}.ipynb"),
                     str(root / "otter-zh" / assignment_id / name)])
    log = root / "otter-run.log"
    with log.open("w") as stream:
        subprocess.run([sys.executable, "-c", DRIVER], input=json.dumps(jobs), text=True, env=env, cwd=root,
                       stdout=stream, stderr=subprocess.STDOUT, timeout=120 * len(jobs), check=True)
    return Graded(root)


GRADABLE = [case for case in chosen_examples() if case[1] != UNREADABLE]


@pytest.mark.parametrize("assignment_id, name", GRADABLE, ids=[f"{a}/{n}" for a, n in GRADABLE])
def test_otter_scores_equal_convkit_grade(graded, assignment_id, name):
    results = graded.otter(assignment_id, name)
    assert results is not None, (graded.otter_dir(assignment_id, name) / "status.txt").read_text()
    ours = graded.convkit(assignment_id, name)
    expected = {q.id: (q.points, q.max_points) for q in ours.questions}
    got = question_scores(results)
    assert got.keys() == expected.keys() == {q.id for q in ASSIGNMENTS[assignment_id].auto_questions}
    for question_id, (points, maximum) in expected.items():
        assert got[question_id] == (pytest.approx(points, abs=1e-4), pytest.approx(maximum, abs=1e-4)), question_id
    assert results["output"].startswith("Scores computed by convkit")


@pytest.mark.parametrize("assignment_id, name", CHINESE, ids=[f"{a}/{n}" for a, n in CHINESE])
def test_a_chinese_notebook_scores_what_the_english_one_does(graded, assignment_id, name):
    results = graded.otter(assignment_id, name, "zh")
    assert results is not None, (graded.otter_dir(assignment_id, name, "zh") / "status.txt").read_text()
    assert question_scores(results) == convkit_scores(graded.convkit(assignment_id, name))
    assert results["output"].startswith(render(message("otter.header"), "zh"))  # the feedback in Chinese
    shown = results["output"] + "".join(row.get("output", "") for row in results["tests"])
    assert english_leaks(shown) == []


@pytest.mark.parametrize("assignment_id", sorted({a for a, n in chosen_examples() if n == "cheater"}))
def test_cheater_gets_no_unearned_points(graded, assignment_id):
    results = graded.otter(assignment_id, "cheater")
    stubs = graded.convkit(assignment_id, "cheater")
    assert sum(score for score, _ in question_scores(results).values()) == pytest.approx(stubs.total, abs=1e-4)
    assert stubs.total == 0  # the cheater solved nothing: patched checks must not count
    for row in results["tests"]:
        assert "All test cases passed" not in row.get("output", ""), row["name"]


def test_looping_submission_still_yields_results(graded):
    results = graded.otter("conv-layer", "infinite_loop")
    assert results is not None
    assert "time limit" in results["output"]
    assert sum(score for score, _ in question_scores(results).values()) > 0  # later cells still count


def test_unreadable_notebook_gets_nothing(graded):
    """otter rejects a file that is not JSON before any plugin runs: no results.json at all."""
    results = graded.otter("conv-layer", UNREADABLE)
    status = (graded.otter_dir("conv-layer", UNREADABLE) / "status.txt").read_text()
    assert results is None or sum(s for s, _ in question_scores(results).values()) == 0, status
    assert graded.convkit("conv-layer", UNREADABLE).total == 0


# ---------------------------------------------------------------- otter's commands, as otter documents them
#: What a TA's shell would have: no PYTHONPATH, no virtual environment activated.
CLEAN_ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
OTTER = Path(sys.executable).parent / "otter"
#: Makes the installed (editable) convkit unimportable, as on Gradescope where nothing is installed.
NOT_INSTALLED = 'import sys\nsys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]\n'


@pytest.fixture(scope="module")
def commands(tmp_path_factory, otter_zips):
    """``otter run`` on a notebook and on an export zip, from a working directory of their own and
    with a clean environment; and the zip's own ``run_otter.py`` in a replica of Gradescope's
    ``/autograder`` (the only change: that path), with convkit not installed."""
    root = tmp_path_factory.mktemp("otter-commands")
    work, home = root / "work", root / "home"
    work.mkdir(), home.mkdir()
    env = dict(CLEAN_ENV, HOME=str(home))
    shutil.copy(EXAMPLES / "conv-layer" / "partly_done.ipynb", work / "partly_done.ipynb")
    markers = {"log": root / "forged-log-ran", "module": root / "uploaded-module-ran"}
    export = hostile_export(work, EXAMPLES / "conv-layer" / "full_marks.ipynb", markers)
    runs = {}
    for name, submission in (("notebook", "partly_done.ipynb"), ("export", export.name)):
        (work / name).mkdir()
        runs[name] = subprocess.run([str(OTTER), "run", "-a", str(otter_zips["conv-layer"]), "-o", name, submission],
                                    cwd=work, env=env, capture_output=True, text=True, timeout=600)
        runs[name].results = work / name / "results.json"
    ag = root / "autograder"
    for folder in ("source", "submission", "results"):
        (ag / folder).mkdir(parents=True)
    with zipfile.ZipFile(otter_zips["conv-layer"]) as archive:
        archive.extractall(ag / "source")
    run_otter = ag / "source" / "run_otter.py"
    run_otter.write_text(run_otter.read_text().replace('"/autograder"', repr(str(ag))))
    (ag / "submission_metadata.json").write_text("{}")
    shutil.copy(EXAMPLES / "conv-layer" / "full_marks.ipynb", ag / "submission" / "full_marks.ipynb")
    (root / "block").mkdir()
    (root / "block" / "sitecustomize.py").write_text(NOT_INSTALLED)
    blocked = dict(env, PYTHONPATH=str(root / "block"))
    runs["installed"] = subprocess.run([sys.executable, "-c", "import convkit"], cwd=work, env=blocked,
                                       capture_output=True, text=True)
    runs["gradescope"] = subprocess.run([sys.executable, str(run_otter)], cwd=work, env=blocked,
                                        capture_output=True, text=True, timeout=600)
    runs["gradescope"].results = ag / "results" / "results.json"
    runs["markers"] = markers
    return runs


def command_scores(run) -> dict:
    assert run.returncode == 0 and run.results.is_file(), run.stdout[-3000:] + run.stderr[-3000:]
    return question_scores(json.loads(run.results.read_text()))


def convkit_scores(ours) -> dict:
    return {q.id: (pytest.approx(q.points, abs=1e-4), pytest.approx(q.max_points, abs=1e-4)) for q in ours.questions}


def test_otter_run_as_documented_on_a_notebook(commands, graded):
    assert command_scores(commands["notebook"]) == convkit_scores(graded.convkit("conv-layer", "partly_done"))


def test_otter_run_on_an_export_zip_never_runs_its_other_files(commands, graded):
    assert command_scores(commands["export"]) == convkit_scores(graded.convkit("conv-layer", "full_marks"))
    assert not commands["markers"]["log"].exists() and not commands["markers"]["module"].exists()
    assert "ignored files uploaded beside the notebook: .OTTER_LOG, __zip_filename__, otter.py" in \
        commands["export"].stderr


def test_the_zip_grades_on_a_gradescope_replica_with_nothing_installed(commands, graded):
    assert "No module named 'convkit'" in commands["installed"].stderr  # the replica really lacks convkit
    assert command_scores(commands["gradescope"]) == convkit_scores(graded.convkit("conv-layer", "full_marks"))
