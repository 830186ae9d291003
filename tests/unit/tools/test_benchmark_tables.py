"""``scripts/benchmark.py``: the tables it builds from what it measured, and what it asks of the environment.

Made-up measurements only: nothing is timed here (the benchmark reports timings, tests never assert them).
"""
import importlib.util
import json
import sys
from types import SimpleNamespace

import pytest

from convkit.paths import KIT_ROOT

SPEC = importlib.util.spec_from_file_location("convkit_benchmark", KIT_ROOT / "scripts" / "benchmark.py")
benchmark = importlib.util.module_from_spec(SPEC)
sys.modules[SPEC.name] = benchmark  # dataclasses look their module up
SPEC.loader.exec_module(benchmark)
GB = benchmark.GB


def test_door_table_compares_each_kit_door_with_its_plain_tool():
    plain = benchmark.Row("nbgrader (plain)", 8, 40.0, 1 * GB, GB // 2, "1.00 → 2.00")
    kit = benchmark.Row("nbgrader + convkit", 8, 20.0, 2 * GB, GB, "2.00 → 2.50", plain=plain)
    table = benchmark.door_table([kit, plain], "Every door")
    assert table.rows[0] == ["nbgrader + convkit", "8", "2.500", "2.00× plain", "2.00", "1.00", "2.00 → 2.50"]
    assert table.rows[1][3] == ""  # the plain tool is not compared with itself
    text = table.text().splitlines()
    assert text[0] == "Every door" and len({len(line) for line in text[1:3]}) == 1  # aligned columns
    markdown = table.markdown().splitlines()
    assert markdown[:2] == ["### Every door", ""]
    assert markdown[3] == "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    assert markdown[4] == "| nbgrader + convkit | 8 | 2.500 | 2.00× plain | 2.00 | 1.00 | 2.00 → 2.50 |"


def test_a_given_median_is_the_rows_figure_not_the_mean():
    row = benchmark.Row("check, repeated", 3, 9.0, 0, 0, "", per=0.5)
    assert benchmark.door_table([row], "t").rows[0][2] == "0.500"


def records():
    """Two workers' lines and the main process's, as convkit.timings writes them."""
    worker = {"sandbox start": 0.04, "notebook cells": 0.01, "grader calls": 0.1, "grader work": 0.04,
              "sandbox end": 0.01, "calls": 200}
    return [dict(worker, pid=1), dict(worker, pid=2),
            {"side": "main", "at": 106.0, "result writing": 0.01}, {"side": "main", "at": 116.0, "result writing": 0.03}]


def test_breakdown_averages_each_phase_over_the_submissions():
    table = benchmark.breakdown_table(records(), started=100.0, ended=117.5, jobs=2)
    phases = {row[0]: row[1:] for row in table.rows}
    assert phases[benchmark.PHASE_NAMES["grader calls"]] == ["100.0", "50%"]
    assert phases[benchmark.PHASE_NAMES["result writing"]] == ["20.0", ""]  # the main process's, alongside
    assert table.rows[-1][1:] == ["200.0", "100%"]  # result writing is not a worker's
    assert "200 (500 µs each" in table.notes[0]
    assert table.notes[1] == ("The batch: start-up to the first result 6.0 s, grading 10.0 s, reports and exit "
                              "1.5 s (total 17.5 s).")


def test_scaling_marks_the_projection_and_uses_the_measured_parts():
    one = {"seconds": 22.0, "rss": 1 * GB, "pss": GB // 2, "start": 5.0, "grading": 16.0, "end": 1.0}
    two = {"seconds": 16.0, "rss": 2 * GB, "pss": GB, "start": 5.0, "grading": 10.0, "end": 1.0}
    table = benchmark.scaling_table(one, two, count=160)
    assert [row[-1] for row in table.rows] == ["measured", "measured", "projected", "projected"]
    # 160 submissions at 0.1 s on a worker that got 80 % of a core: 16 cores grade them in 1.25 s
    assert table.rows[2][:3] == ["16", "16", "7.2"]
    assert table.rows[3][5] == f"{(0.5 + 63 * 0.5):.1f}"  # PSS grows by the second worker's share
    assert "Projected, not measured" in table.notes[0] and "(80%)" in table.notes[0]


def test_targets_say_met_or_missed():
    table = benchmark.targets_table({"grade": 31.0, "first check": 4.0, "nbgrader": (4.5, 4.0)})
    verdicts = {row[0]: row[1:] for row in table.rows}
    assert verdicts["200 submissions, convkit grade -j 2"] == ["≤ 25 s", "31.00 s", "missed"]
    assert verdicts["convkit check, first"][-1] == "met"
    assert verdicts["nbgrader + convkit per notebook, at most plain nbgrader's"] == ["≤ 4.00 s", "4.50 s", "missed"]
    assert len(table.rows) == 3  # what was not measured is not listed


def test_nbgrader_gets_the_submissions_answers_in_its_released_notebook():
    release = {"cells": [{"id": "intro-setup", "source": "import torch"}, {"id": "q-code", "source": "# stub"},
                         {"id": "q-tests", "source": "assert q()"}, {"id": "note-answer", "source": ""}],
               "metadata": {"nbgrader": True}}
    submission = {"cells": [{"id": "otter-init", "cell_type": "code", "source": "import otter"},
                            {"id": "cheat", "cell_type": "code", "source": "patch()"},
                            {"id": "q-code", "cell_type": "code", "source": "def q(): return 1"},
                            {"id": "q-check", "cell_type": "code", "source": "grader.check('q')"},
                            {"id": "q-tests", "cell_type": "code", "source": "assert True"},
                            {"id": "note-answer", "cell_type": "markdown", "source": "because"}]}
    notebook = benchmark.nbgrader_submission(release, json.loads(json.dumps(submission)))
    assert [(c["id"], c["source"]) for c in notebook["cells"]] == [
        ("intro-setup", "import torch"), ("cheat", "patch()"), ("q-code", "def q(): return 1"),
        ("q-tests", "assert q()"), ("note-answer", "because")]  # the course's tests stay the course's
    assert notebook["metadata"] == {"nbgrader": True}


def test_a_missing_tool_is_named_with_what_to_do(tmp_path, monkeypatch):
    (tmp_path / "convkit").touch()
    monkeypatch.setattr(benchmark, "BIN", tmp_path)
    monkeypatch.setattr(benchmark, "NBGRADER_COURSE", KIT_ROOT / "no-such-course")
    args = SimpleNamespace(nbgrader_sample=8, otter_sample=0)
    problems = benchmark.missing_tools(args)
    assert len(problems) == 2
    assert problems[0].startswith("nbgrader is not installed") and "--nbgrader-sample 0" in problems[0]
    assert "is not built (run `convkit build`" in problems[1]
    assert benchmark.missing_tools(SimpleNamespace(nbgrader_sample=0, otter_sample=0)) == []


@pytest.mark.parametrize("text, expected", [("Rss:  100 kB\nPss:   40 kB\n", [100, 40]), ("Rss: 7 kB\n", [7, 0])])
def test_kilobytes_reads_proc_fields(text, expected):
    assert benchmark._kilobytes(text, ("Rss:", "Pss:")) == expected
