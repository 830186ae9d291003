"""The same code earns the same points whatever the notebook's language.

Every example submission is made again from the Chinese texts (``examples.variants`` with the sources
localised: Chinese prose, stubs and docstrings, the same code) and graded beside the English one
that ``convkit build`` commits; each test of each question must score the same. The full marks,
textbook, partly done and untouched notebooks are among them; only the one that never ends is left
out (it costs a cell timeout in each language and grades nothing). The results say which language
each notebook is in, and a Chinese otter export is taken for the assignment's notebook by
``convkit grade``.
"""
import csv
import json
import shutil
import zipfile

import pytest

from convkit.assignments import ASSIGNMENTS
from convkit.build import examples
from convkit.build.notebooks import notebook_name
from convkit.build.sources import load_sources
from convkit.cli import main
from convkit.grading.runner import grade_many
from convkit.paths import KIT_ROOT

pytestmark = pytest.mark.slow
SKIPPED = {"infinite_loop.ipynb", "not_a_notebook.ipynb"}


def chinese_examples(assignment) -> dict[str, bytes]:
    sources = [source.localised("zh") for source in load_sources(assignment)]
    return {name: content for name, content in examples.variants(assignment, sources).items() if name not in SKIPPED}


def points(result) -> dict[tuple[str, str], float]:
    return {(test.question, test.name): test.points for question in result.questions for test in question.tests}


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS.values()), ids=lambda a: a.id)
def test_each_example_scores_the_same_in_chinese(tmp_path, launcher, limits, assignment):
    chinese = chinese_examples(assignment)
    assert {"full_marks.ipynb", "textbook_device_dtype.ipynb", "partly_done.ipynb", "stubs_only.ipynb"} <= set(chinese)
    paths = []
    for name, content in sorted(chinese.items()):
        english = KIT_ROOT / "examples" / assignment.id / name
        assert english.read_bytes() != content, f"{name}: the Chinese example is the English one"
        (tmp_path / "zh").mkdir(exist_ok=True)
        (tmp_path / "zh" / name).write_bytes(content)
        paths += [english, tmp_path / "zh" / name]
    results = []
    grade_many(paths, assignment, launcher, limits, results.append)
    by_file = {(path.parent.name == "zh", path.name): result for path, result in zip(paths, results)}
    for name in sorted(chinese):
        english, translated = by_file[(False, name)], by_file[(True, name)]
        assert translated.lang == ("en" if name == "old_jupyter_format.ipynb" else "zh"), name  # old: no metadata
        assert english.lang == "en"
        assert points(translated) == points(english), name
        assert (translated.total, translated.possible) == (english.total, english.possible), name
    full = by_file[(True, "full_marks.ipynb")]
    assert full.total == full.possible > 0
    textbook = by_file[(True, "textbook_device_dtype.ipynb")]  # d2l's code: right values, CPU float32
    assert 0 < textbook.total < textbook.possible


def test_a_chinese_export_is_graded_as_the_assignment(tmp_path, capsys):
    """otter names the zip of conv-layer.zh.ipynb conv-layer.zh_<timestamp>.zip: it is the assignment's, and
    the student's name is what comes before it."""
    assignment = ASSIGNMENTS["channels"]
    name = notebook_name(assignment, "zh")
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    with zipfile.ZipFile(submissions / "bob_channels.zh_2026_11_30T10_00_00_123456.zip", "w") as archive:
        archive.write(KIT_ROOT / "solutions" / "channels" / name, name)
    shutil.copy(KIT_ROOT / "assignments" / "channels" / name, submissions / "carol.ipynb")
    status = main(["grade", str(submissions), "--assignment", "channels", "--output", str(tmp_path / "grades"),
                   "-j", "1", "--quiet"])
    assert status == 0, capsys.readouterr()
    with open(tmp_path / "grades" / "final_grades.csv", newline="") as stream:
        rows = {row["student"]: row for row in csv.DictReader(stream)}
    assert rows["bob"]["file"] == f"bob_channels.zh_2026_11_30T10_00_00_123456.zip:{name}"
    assert float(rows["bob"]["total"]) == float(rows["bob"]["possible"]) > 0
    assert float(rows["carol"]["total"]) == 0
    stored = json.loads((tmp_path / "grades" / "results" / "bob.json").read_text())
    assert stored["lang"] == "zh"
