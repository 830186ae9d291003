"""Hostile submissions earn nothing they did not solve, and cost nobody else anything.

The corpus is ``tests/data/hostile/`` (see its README). All of it is graded in one batch with two
workers, beside honest submissions, exactly as ``convkit grade -j 2`` would.
"""
import hashlib
import os
import shutil
from pathlib import Path

import pytest

from convkit.assignments import get_assignment
from convkit.grading.batch import BatchOptions, grade_folder
from convkit.grading.runner import grade_submission
from convkit.paths import KIT_ROOT
from convkit.limits import Limits
from tests.helpers import CATALOGUE, HOSTILE, textbook_code

pytestmark = pytest.mark.slow

HONEST = {"honest_unfold.py": (CATALOGUE / "conv_layer" / "corr2d" / "valid_unfold.py").read_text(),
          "honest_textbook.py": textbook_code("conv-layer", "corr2d")}
CONV_LAYER = get_assignment("conv-layer")
LIMITS = Limits(call_seconds=3.0, cell_seconds=3.0, submission_seconds=60, memory_bytes=1024**3)
SLEEP_MARKER = b"98765"


def solved_questions(path: Path) -> set[str]:
    first = path.read_text().splitlines()[0]
    assert first.startswith("# solves:"), f"{path.name} must start with '# solves: ...'"
    return set(first.split(":", 1)[1].split())


def tree_digest(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path).encode() + path.read_bytes())
    return digest.hexdigest()


def leftover_processes() -> list[str]:
    found = []
    for pid in os.listdir("/proc"):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if SLEEP_MARKER in cmdline:
            words = cmdline.replace(b"\0", b" ").decode(errors="replace")
            found.append(f"{pid}: {words}")
    return found


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    output = tmp_path_factory.mktemp("grades")
    for path in HOSTILE.glob("*.py"):
        shutil.copy(path, folder / path.name)
    for name, code in HONEST.items():
        (folder / name).write_text(code)
    hidden_before = tree_digest(KIT_ROOT / "autograder", KIT_ROOT / "reference")
    options = BatchOptions(CONV_LAYER, output, workers=2, limits=LIMITS, progress=False)
    results = {r.file: r for r in grade_folder(folder, options)}
    return folder, output, results, hidden_before


def test_every_submission_gets_a_row(batch):
    folder, _, results, _ = batch
    assert sorted(results) == sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("path", sorted(HOSTILE.glob("*.py")), ids=lambda p: p.stem)
def test_hostile_earns_only_what_it_solved(batch, path):
    _, _, results, _ = batch
    result = results[path.name]
    solved = solved_questions(path)
    for question in result.questions:
        if question.id in solved:
            assert question.points == question.max_points, f"{path.name} lost honest points on {question.id}"
        else:
            assert question.points == 0, f"{path.name} earned {question.points} on {question.id} without solving it"


def test_honest_grades_are_untouched(batch, launcher):
    folder, _, results, _ = batch
    for name in HONEST:
        alone = grade_submission(folder / name, CONV_LAYER, launcher, LIMITS)
        assert results[name].total == alone.total, f"{name} graded differently beside hostile submissions"
        assert results[name].status == "graded" and not results[name].limits_hit


def test_no_process_left_behind(batch):
    assert leftover_processes() == []


def test_grader_files_and_results_untouched(batch):
    _, output, results, hidden_before = batch
    assert tree_digest(KIT_ROOT / "autograder", KIT_ROOT / "reference") == hidden_before
    written = sorted(str(p.relative_to(output)) for p in output.rglob("*") if p.is_file() and p.name != ".convkit-key")
    assert written == sorted(f"results/{Path(name).stem}.json" for name in results)
    honest = (output / "results" / "honest_unfold.json").read_text()
    assert "forged" not in honest


def test_limits_are_named(batch):
    _, _, results, _ = batch
    assert "time" in results["infinite_loop_cell.py"].limits_hit
    assert "output" in results["print_flood.py"].limits_hit
    assert any(cell["status"] == "timeout" for cell in results["infinite_loop_cell.py"].cells)
    assert any(cell["status"] == "crashed" for cell in results["os_exit.py"].cells)
