"""What a student and a TA read, from results built by hand: feedback (terminal, Markdown, the
nbgrader cell), the grades CSV, stored results, and the batch report."""
import csv
import io
import json

import pytest

from convkit.assignments import Assignment, Question
from convkit.feedback import render_markdown, render_text, failure_lines
from convkit.grading.results import (QuestionResult, SubmissionResult, TestResult, UnsignedResult, csv_text,
                                     load_result, save_result, status_text)
from convkit.reports import counts_line, summary_markdown, write_outputs

TOY = Assignment("toy", "Toy questions", (Question("corr2d", "Cross-correlation", ("corr2d",)),
                                          Question("pad2d", "Padding", ("pad2d",)),
                                          Question("essay", "An essay", (), "manual", 2)))
DTYPE_MESSAGE = ("corr2d(X, K) with X: tensor 5×6 float64 on cpu\n  expected: dtype float64 (the input's dtype)\n"
                 "  got:      dtype float32\n  hint: create new tensors with dtype=X.dtype")


def corr2d_partly() -> QuestionResult:
    tests = [TestResult("corr2d", "test_random_shapes[0]", 3.0, 3.0, True),
             TestResult("corr2d", "test_keeps_dtype[float64]", 0.0, 0.5, False, DTYPE_MESSAGE),
             TestResult("corr2d", "test_keeps_device[meta]", 0.5, 0.5, True)]
    return QuestionResult("corr2d", 3.5, 4.0, "partial", tests)


def pad2d_unattempted() -> QuestionResult:
    tests = [TestResult("pad2d", f"test_values[{i}]", 0.0, 1.0, False, "not attempted: pad2d not defined")
             for i in range(3)]
    return QuestionResult("pad2d", 0.0, 3.0, "not attempted", tests)


def result(**fields) -> SubmissionResult:
    defaults = dict(file="alice/toy.ipynb", assignment="toy", student="alice",
                    questions=[corr2d_partly(), pad2d_unattempted()])
    return SubmissionResult(**{**defaults, **fields})


# ------------------------------------------------------------------ feedback
def test_terminal_feedback_shows_failures_with_their_lesson_and_unattempted_in_one_line():
    text = render_text(result(cells=[{"index": 2, "label": "cell 3", "error": "ZeroDivisionError: division by zero",
                                      "status": "error"}], limits_hit=["time"]))
    lines = text.splitlines()
    assert lines[0] == "alice/toy.ipynb — assignment toy"
    assert "  note: cell 3 raised an error: ZeroDivisionError: division by zero" in lines
    assert "  note: limits hit: time" in lines
    assert f"{'corr2d':<28} {'3.5 / 4':>12}  partly" in lines
    assert "  ✗ keeps_dtype[float64] (0 / 0.5)" in lines
    assert "        hint: create new tensors with dtype=X.dtype" in lines  # the message, indented under its test
    assert "random_shapes" not in text  # passing tests are not listed
    assert f"{'pad2d':<28} {'0 / 3':>12}  not attempted" in lines
    assert "not attempted: pad2d not defined" not in text  # one line, not a page
    assert lines[-1] == f"{'total':<28} {'3.5 / 7':>12}  (50%)"


def test_show_passing_lists_every_test():
    lines = failure_lines(corr2d_partly(), show_passing=True)
    assert lines[0] == "  ✓ random_shapes[0] (3 / 3)" and "  ✓ keeps_device[meta] (0.5 / 0.5)" in lines
    assert failure_lines(pad2d_unattempted(), show_passing=True) == []


def test_markdown_feedback_for_a_student():
    text = render_markdown(result())
    assert text.startswith("# Feedback for alice on alice/toy.ipynb\n\nAssignment **toy** — score **3.5 / 7** (50%)")
    assert "## corr2d: 3.5 / 4 (partial)\n\n- keeps_dtype[float64] (0 / 0.5)\n\n  ```\n  corr2d(X, K)" in text
    assert "## pad2d: 0 / 3 (not attempted)\n\nNot attempted: the names this question asks for are not defined" in text
    passed = render_markdown(result(questions=[QuestionResult("corr2d", 4.0, 4.0, "passed", [])]))
    assert "## corr2d: 4 / 4 (passed)\n\nAll tests passed." in passed


def test_markdown_feedback_for_a_missing_or_ungradable_submission():
    missing = render_markdown(SubmissionResult(file="", assignment="toy", status="missing", student="gina"))
    assert missing == ("# Feedback for gina\n\nAssignment **toy** — score **0 / 0** (0%)\n\n"
                       "> No submission from you was found for this assignment.\n")
    broken = render_markdown(result(status="bob.ipynb: not a notebook (invalid JSON at line 1)"))
    assert "> Your submission could not be graded: bob.ipynb: not a notebook (invalid JSON at line 1)" in broken


def test_the_nbgrader_cell_report_of_one_question():
    pytest.importorskip("nbgrader")
    from convkit.nbgrader_plugin import notes_text, question_report

    report = question_report(corr2d_partly(), result())
    assert report.splitlines()[0].startswith("corr2d: 3.5 / 4  partly  (graded by convkit")
    assert "  ✗ keeps_dtype[float64] (0 / 0.5)" in report and "random_shapes" not in report
    assert "Not attempted: the names this question asks for" in question_report(pad2d_unattempted(), result())
    assert notes_text(result(limits_hit=["memory"])) == "\nWhile running the notebook:\n  - limits hit: memory\n"


# ------------------------------------------------------------------ grades CSV and stored results
def test_the_grades_csv_one_row_per_student_in_name_order():
    rows = [result(student="bob", file="bob.py", limits_hit=["time"], flags=["late (Canvas)"]),
            result(student="Alice"),
            SubmissionResult(file="", assignment="toy", status="missing", student="carol")]
    table = list(csv.reader(io.StringIO(csv_text(rows, ["corr2d", "pad2d"]))))
    assert table[0] == ["student", "file", "corr2d", "pad2d", "total", "possible", "percent", "status"]
    assert [row[0] for row in table[1:]] == ["Alice", "bob", "carol"]
    assert table[2] == ["bob", "bob.py", "3.5", "0", "3.5", "7", "50", "graded (limits hit: time); late (Canvas)"]
    assert table[3] == ["carol", "", "0", "0", "0", "0", "0", "missing"]


def test_numbers_in_the_csv_are_short_and_exact_enough():
    third = SubmissionResult("x.py", "toy", student="x", questions=[QuestionResult("corr2d", 1 / 3, 3.0, "partial")])
    row = list(csv.reader(io.StringIO(csv_text([third], ["corr2d"]))))[1]
    assert row[2:6] == ["0.333333", "0.333333", "3", "11.11"]


def test_status_text_joins_limits_and_flags():
    assert status_text(result()) == "graded"
    assert status_text(result(limits_hit=["time", "output"], flags=["not on the roster"])) == \
        "graded (limits hit: time, output); not on the roster"


def test_stored_results_round_trip_and_a_forged_one_is_refused(tmp_path):
    original = result(cells=[{"index": 0, "label": "cell 1", "error": "x", "status": "timeout"}])
    path = tmp_path / "alice.json"
    save_result(original, path, key=b"k" * 32)
    assert load_result(path, b"k" * 32) == original
    data = json.loads(path.read_text())
    data["questions"][0]["points"] = 4.0
    path.write_text(json.dumps(data))
    with pytest.raises(UnsignedResult):
        load_result(path, b"k" * 32)


# ------------------------------------------------------------------ the batch report
def test_counts_line():
    assert counts_line([result()]) == "1 student: 1 graded"
    assert counts_line([result(), result(status="conflict: 2 candidate files"),
                        SubmissionResult("", "toy", status="missing")]) == \
        "3 students: 1 graded, 1 could not be graded, 1 missing"


def test_the_report_a_ta_reads(tmp_path):
    from convkit.intake import NotGraded

    rows = [result(isolation={"mode": "namespaces", "protections": ["own user"], "weaknesses": []}),
            result(student="bob", file="bob.py", limits_hit=["time"],
                   questions=[QuestionResult("corr2d", 4.0, 4.0, "passed", []), pad2d_unattempted()]),
            result(student="zed", file="zed.ipynb", flags=["not on the roster"]),
            SubmissionResult("", "toy", status="missing", student="gina")]
    ignored = [NotGraded("notes.txt", "not a notebook, .py or .zip file")]
    written = write_outputs(rows, TOY, tmp_path, not_graded=ignored)
    report = written["report"].read_text()
    assert report.startswith("# toy: Toy questions\n\n4 students: 3 graded, 1 missing; mean of the submissions")
    assert "| corr2d | 4 | 3.67 | 1 | 0 |" in report and "| pad2d | 3 | 0.00 | 0 | 3 |" in report
    assert "essay" not in report  # graded by hand: not in convkit's table
    assert "- **corr2d / test_keeps_dtype[float64]**: 2 submissions" in report
    assert "- bob (`bob.py`): hit limits (time); kept the 4 points earned" in report
    assert "- `notes.txt`: not a notebook, .py or .zip file" in report
    assert "## Missing (on the roster, no submission)\n\n- gina" in report
    assert "## Not on the roster\n\n- zed (`zed.ipynb`)" in report
    assert "Mode **namespaces**: own user." in report
    assert sorted(p.name for p in (tmp_path / "feedback").iterdir()) == ["alice.md", "bob.md", "gina.md", "zed.md"]
    grades = list(csv.DictReader(written["csv"].open()))
    assert [g["student"] for g in grades] == ["alice", "bob", "gina", "zed"]


def test_a_weaker_sandbox_is_named_in_the_report():
    weak = result(isolation={"mode": "landlock", "protections": ["Landlock"], "weaknesses": ["no own user"]})
    assert "- **weaker:** no own user" in summary_markdown([weak], TOY, plot=None)
