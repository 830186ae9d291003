"""Feedback in the student's language, end to end: ``convkit check`` on a half-done Chinese notebook
speaks Chinese (by the notebook's own metadata, or ``--lang``) with no English template text,
``convkit grade`` writes each student's feedback in that student's language, and the same code scores
the same in both languages, mutant by mutant of the catalogue."""
import csv
import json

import pytest

from convkit.assignments import ASSIGNMENTS
from convkit.cli import main
from convkit.grading.runner import grade_many
from convkit.messages import message, render
from convkit.paths import KIT_ROOT
from tests.helpers import CATALOGUE, english_leaks, notebook, textbook_code

pytestmark = pytest.mark.slow

#: A half-done notebook: d2l's corr2d (a named mistake: torch.zeros without dtype or device), the solution's
#: Conv2D, a convolve2d that forgets to flip the kernel (another named mistake), every other question its stub.
NOT_FLIPPED = "def convolve2d(X, K):\n    return corr2d(X, K)\n"


def half_done(lang: str) -> dict:
    name = f"conv-layer{'' if lang == 'en' else '.' + lang}.ipynb"
    given = json.loads((KIT_ROOT / "assignments" / "conv-layer" / name).read_text(encoding="utf-8"))
    solution = json.loads((KIT_ROOT / "solutions" / "conv-layer" / name).read_text(encoding="utf-8"))
    answers = {"corr2d": textbook_code("conv-layer", "corr2d"), "Conv2D": code_defining(solution, "Conv2D"),
               "convolve2d": NOT_FLIPPED}
    for cell in given["cells"]:
        for name, code in answers.items():
            if cell["cell_type"] == "code" and defines(cell, name):
                cell["source"] = code
    return given


def code_defining(nb: dict, name: str) -> str:
    return next("".join(cell["source"]) for cell in nb["cells"] if cell["cell_type"] == "code" and defines(cell, name))


def defines(cell: dict, name: str) -> bool:
    source = "".join(cell["source"])
    return source.startswith((f"def {name}(", f"class {name}("))


def check(capsys, path, *options):
    code = main(["check", str(path), *options])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_on_a_half_done_chinese_notebook_speaks_chinese(tmp_path, capsys):
    path = tmp_path / "作业.ipynb"
    path.write_text(json.dumps(half_done("zh"), ensure_ascii=False), encoding="utf-8")
    code, out, _ = check(capsys, path, "--lang", "zh")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{path.name} — 作业 conv-layer"
    assert "期望：dtype float64（与输入的 dtype 相同）" in out and "实际：dtype float32" in out
    assert "提示：第 3 个代码单元格的第 7 行处的 torch.zeros(...) 无论输入是什么 dtype 都会创建 float32 张量" in out
    assert render(message("conv_layer.convolve2d.mistake.not_flipped"), "zh") in out
    assert any(line.split() == ["learn_kernel", "0", "/", "8", "尚未作答"] for line in lines)
    assert lines[-1].startswith("总分")
    assert english_leaks(out) == []
    assert check(capsys, path)[1] == out  # the notebook's own language, without --lang
    _, english, _ = check(capsys, path, "--lang", "en")
    assert english.splitlines()[0] == f"{path.name} — assignment conv-layer"
    assert "hint: torch.zeros(...) at code cell 3, line 7 creates a float32 tensor" in english
    assert len(english.splitlines()) == len(lines)


def test_grade_writes_each_students_feedback_in_the_students_language(tmp_path, capsys):
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    for student, lang in (("alice", "zh"), ("bob", "en")):
        (submissions / f"{student}.ipynb").write_text(json.dumps(half_done(lang), ensure_ascii=False),
                                                      encoding="utf-8")
    base = ["grade", str(submissions), "--assignment", "conv-layer", "-j", "1", "--quiet"]
    assert main([*base, "--output", str(tmp_path / "mixed")]) == 0
    assert main([*base, "--output", str(tmp_path / "zh"), "--lang", "zh"]) == 0
    capsys.readouterr()
    alice = (tmp_path / "mixed" / "feedback" / "alice.md").read_text(encoding="utf-8")
    bob = (tmp_path / "mixed" / "feedback" / "bob.md").read_text(encoding="utf-8")
    assert alice.startswith("# alice 的反馈：alice.ipynb") and english_leaks(alice) == []
    assert bob.startswith("# Feedback for bob on bob.ipynb")
    assert "## Mistakes, by question" in (tmp_path / "mixed" / "report.md").read_text(encoding="utf-8")
    for name, heading in (("feedback/alice.md", "作业"), ("feedback/bob.md", "作业"), ("report.md", "## 需要查看")):
        text = (tmp_path / "zh" / name).read_text(encoding="utf-8")
        assert heading in text and english_leaks(text) == [], name
    with open(tmp_path / "mixed" / "final_grades.csv", newline="") as stream:
        rows = {row["student"]: row for row in csv.DictReader(stream)}
    assert 0 < float(rows["alice"]["total"]) == float(rows["bob"]["total"]) < float(rows["bob"]["possible"])
    assert (tmp_path / "zh" / "final_grades.csv").read_text() == (tmp_path / "mixed" / "final_grades.csv").read_text()


def catalogue_questions():
    packages = {a.package: a for a in ASSIGNMENTS.values()}
    for folder in sorted(CATALOGUE.glob("*/*/")):
        if folder.parent.name in packages and list(folder.glob("*.py")):
            yield pytest.param(packages[folder.parent.name], folder, id=f"{folder.parent.name}/{folder.name}")


@pytest.mark.parametrize("assignment, folder", list(catalogue_questions()))
def test_every_catalogue_entry_scores_the_same_in_a_chinese_and_an_english_notebook(tmp_path, launcher, limits,
                                                                                    assignment, folder):
    """Each mutant and valid variant of a question, as the one code cell of a notebook declaring Chinese and of
    one declaring English: every test scores the same."""
    paths = []
    for entry in sorted(folder.glob("*.py")):
        for lang in ("zh", "en"):
            nb = notebook([entry.read_text(encoding="utf-8")])
            nb["metadata"]["convkit"] = {"lang": lang}
            path = tmp_path / lang / f"{entry.stem}.ipynb"
            path.parent.mkdir(exist_ok=True)
            path.write_text(json.dumps(nb), encoding="utf-8")
            paths.append(path)
    results = []
    grade_many(paths, assignment, launcher, limits, results.append, question_ids=[folder.name])
    assert len(results) == len(paths)
    for chinese, english, path in zip(results[::2], results[1::2], paths[::2]):
        assert (chinese.lang, english.lang) == ("zh", "en")
        assert points(chinese) == points(english), path.name
    assert any(r.total < r.possible for r in results)  # the mutants lose points: the comparison has teeth


def points(result) -> dict:
    return {(test.question, test.name): test.points for question in result.questions for test in question.tests}
