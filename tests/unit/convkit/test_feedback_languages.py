"""Feedback in either language from the same stored result: every catalogue entry renders in
Chinese, results keep keys and parameters so that rendering happens at output time, old results stay
readable, cells and places in the student's code are named in the reader's language, and ``--lang``
refuses a language the kit does not have."""
import json
import re
import string

import pytest

from convkit.cli import main
from convkit.feedback import render_markdown, render_text
from convkit.grading.results import SubmissionResult, TestResult, QuestionResult, load_result, save_result
from convkit.languages import LANGUAGES
from convkit.messages import catalogue, message, render
from convkit.nbgrader_plugin import question_report
from convkit.reports import write_outputs
from convkit.submission import error_message, label_message, location_message
from tests.helpers import english_leaks
from tests.unit.convkit.test_feedback_reports import TOY, result

#: Templates that are the same in both languages: nothing in them but placeholders, code or a formula.
SAME_IN_BOTH = {"failure.sandbox", "check.dtype", "check.literal", "check.revealed_got", "check.raised",
                "conv_layer.output_shape.hint.formulas", "isolation.protection.landlock"}
#: Chinese templates with no Chinese word: placeholders joined by Chinese punctuation.
ONLY_PUNCTUATION = {"result.described", "feedback.title_on", "report.look.grader_error", "report.look.flags",
                    "join.list", "join.clauses"}
#: A placeholder left in a rendered text: ``{name}`` or ``{name:spec}``.
UNFILLED = re.compile(r"\{[A-Za-z_]\w*(?:[:!][^}]*)?\}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_entry_renders_with_every_placeholder_filled(language):
    problems = []
    for key, template in catalogue(language).items():
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        params = {name: f"<{name}>" for name in names}
        text = render(message(key, **params), language)
        if text.startswith(key) or UNFILLED.search(text):
            problems.append(f"{key}: {text}")
        problems += [f"{key}: <{name}> not shown" for name in names if f"<{name}>" not in text]
    assert problems == []


def test_every_chinese_text_is_chinese_unless_it_is_only_placeholders_and_code():
    english, chinese = catalogue("en"), catalogue("zh")
    assert set(chinese) == set(english)
    assert {key for key in english if english[key] == chinese[key]} == SAME_IN_BOTH
    without = {key for key, text in chinese.items() if not any("\u4e00" <= char <= "\u9fff" for char in text)}
    assert without == SAME_IN_BOTH | ONLY_PUNCTUATION


def test_cells_places_and_errors_are_named_in_the_readers_language():
    assert render(label_message("cell [7]"), "zh") == "单元格 [7]"
    assert render(label_message("code cell 3"), "zh") == "第 3 个代码单元格"
    assert render(label_message("code cell 3"), "en") == "code cell 3"
    assert label_message("my_solutions.py") == "my_solutions.py" and label_message(None) is None
    assert render(location_message("cell [4], line 6: y = x"), "zh") == "单元格 [4]的第 6 行：y = x"
    assert render(location_message("code cell 2, line 9"), "en") == "code cell 2, line 9"
    raised = "NameError: name 'k' is not defined (at code cell 2, line 1: y = (x + k))"
    assert render(error_message(raised), "zh") == "NameError: name 'k' is not defined（位于第 2 个代码单元格的第 1 行：y = (x + k)）"
    assert render(error_message(raised), "en") == raised
    assert error_message("ZeroDivisionError: division by zero") == "ZeroDivisionError: division by zero"


def chinese_result(**fields) -> SubmissionResult:
    return result(lang="zh", cells=[{"index": 2, "label": "code cell 3", "status": "error",
                                     "error": "ZeroDivisionError: division by zero (at code cell 3, line 2: 1 / 0)"}],
                  **fields)


def test_a_stored_result_renders_in_either_language(tmp_path):
    original = chinese_result()
    save_result(original, tmp_path / "alice.json")
    stored = load_result(tmp_path / "alice.json")
    assert stored.lang == "zh"
    for language in LANGUAGES:
        assert render_text(stored, language=language) == render_text(original, language=language)
        assert render_markdown(stored, language) == render_markdown(original, language)
    chinese = render_text(stored, language="zh")
    assert "alice/toy.ipynb — 作业 toy" in chinese
    assert "注意：第 3 个代码单元格出错：ZeroDivisionError: division by zero（位于第 3 个代码单元格的第 2 行：1 / 0）" in chinese
    assert render(message("mistake.flipped_kernel"), "zh") in chinese  # the named mistake, in Chinese
    assert "期望：" in chinese and "实际：" in chinese and "提示：" in chinese
    assert "pad2d" in chinese and "尚未作答" in chinese
    assert english_leaks(chinese) == []
    assert english_leaks(render_markdown(stored, "zh")) == []
    assert "expected: " in render_text(stored, language="en") and english_leaks(render_text(stored)) != []


def test_an_older_result_without_structure_or_language_is_still_read(tmp_path):
    data = result().to_dict()
    data.pop("lang")
    for question in data["questions"]:
        for test in question["tests"]:
            test.pop("detail")
    (tmp_path / "old.json").write_text(json.dumps(data))
    old = load_result(tmp_path / "old.json")
    assert old.lang == "en"
    chinese = render_text(old, language="zh")
    assert "作业 toy" in chinese
    assert result().questions[0].tests[1].message.splitlines()[0] in chinese  # its English text, as stored


def test_feedback_files_follow_each_students_language_unless_forced(tmp_path):
    alice, bob = chinese_result(), result(student="bob", file="bob/toy.ipynb")
    write_outputs([alice, bob], TOY, tmp_path / "mixed", keys=["alice", "bob"])
    assert "作业 **toy**" in (tmp_path / "mixed" / "feedback" / "alice.md").read_text()
    assert "Assignment **toy**" in (tmp_path / "mixed" / "feedback" / "bob.md").read_text()
    assert "## Needs a look" in (tmp_path / "mixed" / "report.md").read_text()
    write_outputs([alice, bob], TOY, tmp_path / "zh", keys=["alice", "bob"], language="zh")
    for name in ("alice", "bob"):
        feedback = (tmp_path / "zh" / "feedback" / f"{name}.md").read_text()
        assert "作业 **toy**" in feedback and english_leaks(feedback) == []
    report = (tmp_path / "zh" / "report.md").read_text()
    assert "## 需要查看" in report and "## 各题的错误" in report and english_leaks(report) == []
    assert (tmp_path / "zh" / "final_grades.csv").read_text() == (tmp_path / "mixed" / "final_grades.csv").read_text()


def test_the_nbgrader_cell_speaks_the_notebooks_language():
    corr2d = chinese_result().questions[0]
    text = question_report(corr2d, chinese_result())
    assert text.startswith("corr2d：1.5 / 4  部分正确（由 convkit") and english_leaks(text) == []
    assert question_report(corr2d, result()).startswith("corr2d: 1.5 / 4  partly")


@pytest.mark.parametrize("command", [["check", "missing.ipynb"], ["grade", "folder", "--assignment", "conv-layer",
                                                                    "--output", "out"]])
def test_an_unknown_language_is_one_line_naming_the_languages(capsys, command):
    assert main([*command, "--lang", "fr"]) == 2
    error = capsys.readouterr().err
    assert error.strip() == "convkit: --lang 'fr': no such language; use one of en (English), zh (Simplified Chinese)"
