"""Where no sandbox can be built, the kit refuses to grade, and says why; trusted, it says how it was weaker.

The machine is made into one that can build nothing: ``tests/tools/deny_namespaces.py
--no-landlock`` refuses namespaces and mounts (as an unprivileged container does) and
answers ENOSYS for Landlock (as a kernel older than 5.13 does). Then ``convkit grade``, the
plugins' ``convkit check --require-isolation`` and ``convkit check`` on a learner's own
file each meet the case their way: refuse (exit 2, one line naming what is missing), or, with
``--trust-submissions``, grade with the weakness named in every output; a learner's check
runs with a one-line note.
"""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from convkit.paths import KIT_ROOT

pytestmark = pytest.mark.slow

NOTHING_BUILDS = [sys.executable, str(KIT_ROOT / "tests" / "tools" / "deny_namespaces.py"), "--no-landlock"]
FULL_MARKS = KIT_ROOT / "examples" / "conv-layer" / "full_marks.ipynb"


def convkit(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*NOTHING_BUILDS, sys.executable, "-m", "convkit.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture
def folder(tmp_path) -> Path:
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    shutil.copy(FULL_MARKS, submissions / "alice.ipynb")
    return submissions


def test_grade_refuses_and_writes_nothing(folder, tmp_path):
    out = tmp_path / "grades"
    run = convkit("grade", folder, "--assignment", "conv-layer", "--output", out, "-j", "1", cwd=tmp_path)
    assert run.returncode == 2, run.stdout + run.stderr
    (line,) = [line for line in run.stderr.splitlines() if line.startswith("convkit:")]
    assert line.startswith("convkit: refusing to grade: cannot build the sandbox (namespaces: ")
    assert "Landlock: not available" in line and "--trust-submissions" in line
    assert "Traceback" not in run.stderr
    assert not (out / "final_grades.csv").exists() and not list(out.glob("results/*.json"))


def test_trusted_grade_names_the_weakness_everywhere(folder, tmp_path):
    out = tmp_path / "grades"
    run = convkit("grade", folder, "--assignment", "conv-layer", "--output", out, "-j", "1", "--trust-submissions",
                  "--quiet", cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "NO ISOLATION" in run.stderr and "graded anyway: --trust-submissions" in run.stderr
    assert "isolation: none" in run.stdout and "NO ISOLATION" in run.stdout
    report = (out / "report.md").read_text()
    assert "## Isolation" in report and "NO ISOLATION" in report.split("## Isolation", 1)[1]
    (result,) = [json.loads(p.read_text()) for p in out.glob("results/*.json")]
    assert result["isolation"]["mode"] == "none"
    assert result["isolation"]["weaknesses"][0].startswith("NO ISOLATION")
    assert result["total"] == result["possible"]


def test_graders_check_refuses_and_a_learners_check_notes(tmp_path):
    strict = convkit("check", FULL_MARKS, "--question", "corr2d", "--require-isolation", cwd=tmp_path)
    assert strict.returncode == 2 and "convkit: refusing to grade" in strict.stderr
    learner = convkit("check", FULL_MARKS, "--question", "corr2d", cwd=tmp_path)
    assert learner.returncode == 0, learner.stdout + learner.stderr
    notes = [line for line in learner.stderr.splitlines() if line.startswith("convkit: note:")]
    assert len(notes) == 1 and "checking your own file anyway" in notes[0]


PLUGIN_DRIVER = """
import json, sys
from pathlib import Path
from convkit.check_process import run_check
outcome = run_check(Path(sys.argv[1]), "conv-layer", timeout=600, trust=sys.argv[2] == "trust")
print(json.dumps({"error": outcome.error, "graded": outcome.result is not None,
                  "weaknesses": outcome.result.isolation.get("weaknesses", []) if outcome.result else []}))
"""


@pytest.mark.parametrize("trust", [False, True], ids=["refuses", "trusted"])
def test_plugins_check_refuses_unless_trusted(tmp_path, trust):
    """otter's and nbgrader's plugins both grade through ``convkit.check_process.run_check``."""
    submission = tmp_path / "submission" / "full_marks.ipynb"
    submission.parent.mkdir()
    shutil.copy(FULL_MARKS, submission)
    run = subprocess.run([*NOTHING_BUILDS, sys.executable, "-c", PLUGIN_DRIVER, str(submission),
                          "trust" if trust else "strict"], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    outcome = json.loads(run.stdout.splitlines()[-1])
    if trust:
        assert outcome["graded"] and outcome["weaknesses"][0].startswith("NO ISOLATION")
    else:
        assert not outcome["graded"] and outcome["error"].startswith("refusing to grade: cannot build the sandbox")
