"""More than one machine: ``convkit grade --shard K/N`` on each, then ``convkit merge``.

The mixed folder of ``test_grade_intake.py`` (loose files, student folders, an otter export,
Canvas and Moodle names, a conflict, a refused zip, stray files, a missing roster student) is
graded once on one machine and once in three shards, each its own ``convkit`` process; the
merged output must be the single run's, byte for byte (grade sheet, feedback, report, figure,
platform files), and its results the same but for how long grading took.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.test_grade_intake import ROSTER, make_folder

pytestmark = pytest.mark.slow

CONVKIT = Path(sys.executable).parent / "convkit"
SHARDS = 3


def convkit(*args) -> subprocess.CompletedProcess:
    done = subprocess.run([str(CONVKIT), *map(str, args)], capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("shards")
    folder, _ = make_folder(root)
    roster = root / "roster.csv"
    roster.write_text(ROSTER)
    options = ["--assignment", "conv-layer", "--roster", roster, "--export", "canvas", "--export", "moodle", "--quiet"]
    single = convkit("grade", folder, "--output", root / "one", "-j", "2", *options)
    for k in range(1, SHARDS + 1):
        convkit("grade", folder, "--output", root / f"shard{k}", "-j", "1", "--shard", f"{k}/{SHARDS}", *options)
    merged = convkit("merge", *[root / f"shard{k}" for k in range(1, SHARDS + 1)], "--output", root / "merged")
    return root, folder, options, single, merged


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.parts[len(folder.parts)] != "results" and p.name != ".convkit-key"}


def test_merged_outputs_are_the_single_runs_byte_for_byte(runs):
    root = runs[0]
    one, merged = files(root / "one"), files(root / "merged")
    assert {"final_grades.csv", "report.md", "scores.png", "canvas_grades.csv", "moodle_grades.csv"} <= set(one)
    assert sorted(merged) == sorted(one)
    assert [name for name in one if one[name] != merged[name]] == []


def test_merged_results_are_the_single_runs_but_for_timing(runs):
    root = runs[0]

    def results(folder):
        data = {}
        for path in sorted((folder / "results").glob("*.json")):
            result = json.loads(path.read_text())
            for volatile in ("seconds", "signature"):
                result.pop(volatile)
            data[path.name] = result
        return data

    assert results(root / "merged") == results(root / "one")


def test_every_student_is_graded_on_exactly_one_shard(runs):
    root = runs[0]
    keys = [json.loads((root / f"shard{k}" / "shard.json").read_text())["keys"] for k in range(1, SHARDS + 1)]
    everyone = sorted(path.stem for path in (root / "one" / "results").glob("*.json"))
    assert sorted(key for shard in keys for key in shard) == everyone
    assert sum(bool(shard) for shard in keys) >= 2  # the students really are spread


def test_the_summary_printed_is_the_single_runs(runs):
    single, merged = runs[3].stdout.splitlines(), runs[4].stdout.splitlines()
    table = single.index("") if "" in single else len(single)
    assert merged[:table] == single[:table]  # every student's row, the files not graded, missing, not on roster
    assert merged[-1] == f"merged {SHARDS} shards"


def test_the_merged_folder_resumes_as_a_single_runs_would(runs):
    root, folder, options = runs[0], runs[1], runs[2]
    again = convkit("grade", folder, "--output", root / "merged", "-j", "1", *options)
    assert "already graded (unchanged); resuming" in again.stderr
    assert files(root / "merged") == files(root / "one")


def test_merge_refuses_an_incomplete_set(runs):
    root = runs[0]
    done = subprocess.run([str(CONVKIT), "merge", root / "shard1", root / "shard3", "--output", root / "partial"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    assert done.stderr.strip() == f"convkit: merge: {SHARDS} shards expected: missing shard 2"
