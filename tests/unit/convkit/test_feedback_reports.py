"""What a student and a TA read, from results built by hand: feedback (terminal, Markdown, the
nbgrader cell), the grades CSV, stored results, and the batch report."""
import csv
import io
import json
import stat

import pytest

from convkit.assignments import Assignment, Question
from convkit.feedback import failure_lines, render_markdown, render_text
from convkit.grading.failures import Failure
from convkit.grading.results import (QuestionResult, SubmissionResult, TestResult, UnsignedResult, csv_text,
                                     load_result, save_result, status_text)
from convkit.messages import message
from convkit.reports import counts_line, summary_markdown, write_outputs

TOY = Assignment("toy", "Toy questions", (Question("corr2d", "Cross-correlation", ("corr2d",)),
                                          Question("pad2d", "Padding", ("pad2d",)),
                                          Question("essay", "An essay", (), "manual", 2)))
CALL = "corr2d(X, K) with X: tensor 5×6 float64 on cpu, K: tensor 2×2 float64 on cpu"
DTYPE = Failure(CALL, message("check.dtype_expected", dtype="float64"), message("check.dtype", dtype="float32"),
                message("hint.keep_dtype"), kind="dtype")
FLIPPED = Failure(CALL, message("check.reference_values", shape=(4, 5)),
                  message("check.values_wrong", count=20, total=20, error="2.1", index="[0, 1]"),
                  message("conv_layer.corr2d.rule"), [message("mistake.flipped_kernel")], kind="values")


def failed(name, points, failure, question="corr2d"):
    return TestResult(question, name, 0.0, points, False, failure.text(), failure.to_dict())


def corr2d_partly() -> QuestionResult:
    tests = [TestResult("corr2d", "test_random_shapes[0]", 1.0, 1.0, True),
             failed("test_random_shapes[1]", 1.0, FLIPPED), failed("test_random_shapes[2]", 1.0, FLIPPED),
             failed("test_keeps_dtype[float64]", 0.5, DTYPE),
             TestResult("corr2d", "test_keeps_device[meta]", 0.5, 0.5, True)]
    return QuestionResult("corr2d", 1.5, 4.0, "partial", tests)


def pad2d_unattempted() -> QuestionResult:
    not_attempted = Failure(got=message("question.not_attempted"), kind="not_attempted")
    return QuestionResult("pad2d", 0.0, 3.0, "not attempted",
                          [failed(f"test_values[{i}]", 1.0, not_attempted, "pad2d") for i in range(3)])


def result(**fields) -> SubmissionResult:
    defaults = dict(file="alice/toy.ipynb", assignment="toy", student="alice",
                    questions=[corr2d_partly(), pad2d_unattempted()], written={"essay": "answered"})
    return SubmissionResult(**{**defaults, **fields})


# ------------------------------------------------------------------ feedback
def test_terminal_feedback_folds_cases_names_the_mistake_and_keeps_unattempted_to_one_line():
    text = render_text(result(cells=[{"index": 2, "label": "code cell 3", "status": "error",
                                      "error": "ZeroDivisionError: division by zero"}], limits_hit=["time"]))
    lines = text.splitlines()
    assert lines[0] == "alice/toy.ipynb — assignment toy"
    assert "  note: code cell 3 raised an error: ZeroDivisionError: division by zero" in lines
    assert "  note: limits hit: time" in lines
    assert f"{'corr2d':<28} {'1.5 / 4':>12}  partly" in lines
    assert "  ✗ random_shapes (2 of 3 cases): -2 points" in lines  # two failing cases, one item
    assert text.count("values wrong") == 1
    assert "        hint: your result equals the cross-correlation with the kernel flipped" in text
    assert "  ✗ keeps_dtype: -0.5 points" in lines
    assert f"{'pad2d':<28} {'0 / 3':>12}  not attempted" in lines
    assert lines[lines.index(f"{'pad2d':<28} {'0 / 3':>12}  not attempted") + 1].startswith("essay")
    assert lines[-1] == f"{'total':<28} {'1.5 / 7':>12}  (21.43%)"


def test_show_passing_lists_the_passing_tests_once():
    lines = failure_lines(corr2d_partly(), show_passing=True)
    assert lines[0] == "  ✓ passing: keeps_device"
    assert failure_lines(pad2d_unattempted(), show_passing=True) == []


def test_markdown_feedback_for_a_student():
    text = render_markdown(result())
    assert text.startswith("# Feedback for alice on alice/toy.ipynb\n\nAssignment **toy**: **1.5 / 7** (21.43%)")
    assert "| corr2d | 1.5 / 4 | partly |\n| pad2d | 0 / 3 | not attempted |\n| essay | | written answer: graded" in text
    assert "## corr2d: 1.5 / 4\n\n- **random_shapes (2 of 3 cases): -2 points**\n\n  ```\n  corr2d(X, K)" in text
    assert "## pad2d" not in text  # not attempted: its one table row says it all
    passed = render_markdown(result(questions=[QuestionResult("corr2d", 4.0, 4.0, "passed", [])]))
    assert "| corr2d | 4 / 4 | ok |" in passed and "## corr2d" not in passed


def test_feedback_for_an_empty_notebook_fits_on_a_screen():
    questions = [QuestionResult(f"question_{i}", 0.0, 6.0, "not attempted",
                                [failed(f"test_t[{k}]", 1.0, Failure(kind="not_attempted"), f"question_{i}")
                                 for k in range(20)]) for i in range(14)]
    empty = result(questions=questions)
    assert len(render_markdown(empty).splitlines()) <= 40
    assert len(render_text(empty).splitlines()) <= 40


def test_markdown_feedback_for_a_missing_or_ungradable_submission():
    missing = render_markdown(SubmissionResult(file="", assignment="toy", status="missing", student="gina"))
    assert missing == "# Feedback for gina\n\nNo submission from you was found for this assignment.\n"
    broken = render_markdown(result(status="bob.ipynb: not a notebook (invalid JSON at line 1)"))
    assert broken.splitlines()[2] == ("Your submission for **toy** could not be graded: bob.ipynb: not a notebook "
                                      "(invalid JSON at line 1)")
    assert "corr2d" not in broken and len(broken.splitlines()) == 3


def test_a_grader_error_reads_as_the_graders_fault_and_keeps_its_traceback_for_the_ta():
    from convkit.grading.runner import failure_of

    try:
        {}["missing"]
    except KeyError as error:
        failure = failure_of(error)
    assert failure.kind == "grader_error" and "KeyError" in failure.traceback
    text = failure.text()
    assert "an error in the grader, not in your code" in text and "not counted against you" in text
    assert "Traceback" not in text and "KeyError" not in text
    question = QuestionResult("corr2d", 0.0, 1.0, "failed", [failed("test_x", 1.0, failure)])
    stored = result(questions=[question])
    assert "Traceback" not in render_markdown(stored)
    assert json.loads(json.dumps(stored.to_dict()))["questions"][0]["tests"][0]["detail"]["traceback"]


def test_the_nbgrader_cell_report_of_one_question():
    pytest.importorskip("nbgrader")
    from convkit.nbgrader_plugin import notes_text, question_report

    report = question_report(corr2d_partly(), result())
    assert report.splitlines()[0].startswith("corr2d: 1.5 / 4  partly  (graded by convkit")
    assert "  ✗ random_shapes (2 of 3 cases): -2 points" in report
    assert "not attempted" in question_report(pad2d_unattempted(), result())
    assert notes_text(result(limits_hit=["memory"])) == "\nWhile running the notebook:\n  - limits hit: memory\n"


# ------------------------------------------------------------------ grades CSV and stored results
def test_the_grades_csv_one_row_per_student_in_name_order_with_a_column_to_grade_by_hand():
    rows = [result(student="bob", file="bob.py", limits_hit=["time"], flags=["late (Canvas)"],
                   written={"essay": "no notebook"}),
            result(student="Alice"),
            SubmissionResult(file="", assignment="toy", status="missing", student="carol")]
    table = list(csv.reader(io.StringIO(csv_text(rows, ["corr2d", "pad2d"], {"essay": 2}))))
    assert table[0] == ["student", "file", "corr2d", "pad2d", "total", "possible", "percent", "status",
                        "essay (by hand, /2)"]
    assert [row[0] for row in table[1:]] == ["Alice", "bob", "carol"]
    assert table[1][-1] == "to grade"
    assert table[2] == ["bob", "bob.py", "1.5", "0", "1.5", "7", "21.43",
                        "graded (limits hit: time); not attempted: pad2d; late (Canvas)", "not answered"]
    assert table[3] == ["carol", "", "0", "0", "0", "0", "0", "missing", ""]


def test_numbers_in_the_csv_are_short_and_exact_enough():
    third = SubmissionResult("x.py", "toy", student="x", questions=[QuestionResult("corr2d", 1 / 3, 3.0, "partial")])
    row = list(csv.reader(io.StringIO(csv_text([third], ["corr2d"]))))[1]
    assert row[2:6] == ["0.333333", "0.333333", "3", "11.11"]


def test_status_text_joins_limits_unattempted_questions_and_flags():
    assert status_text(result(questions=[corr2d_partly()])) == "graded"
    assert status_text(result(limits_hit=["time", "output"], flags=["not on the roster"])) == \
        "graded (limits hit: time, output); not attempted: pad2d; not on the roster"
    assert status_text(result(questions=[pad2d_unattempted()])) == \
        "graded; nothing attempted (every question is still its stub)"


def test_stored_results_round_trip_and_a_forged_one_is_refused(tmp_path):
    original = result(cells=[{"index": 0, "label": "code cell 1", "error": "x", "status": "timeout"}])
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

    grader_error = Failure("corr2d(X, K)", got=message("failure.grader_error"), kind="grader_error",
                           traceback="Traceback ... KeyError")
    rows = [result(isolation={"mode": "namespaces", "protections": ["own user"], "weaknesses": []},
                   cells=[{"index": 4, "label": "code cell 5", "status": "error",
                           "error": "SyntaxError: invalid syntax (at code cell 5, line 1)"}]),
            result(student="bob", file="bob.py", limits_hit=["time"], written={"essay": "no notebook"},
                   questions=[QuestionResult("corr2d", 3.0, 4.0, "partial",
                                             [failed("test_random_shapes[1]", 1.0, FLIPPED)]), pad2d_unattempted()]),
            result(student="dan", file="dan.ipynb", written={"essay": "not found"},
                   questions=[QuestionResult("corr2d", 3.0, 4.0, "partial", [failed("test_x", 1.0, grader_error)])]),
            result(student="zed", file="zed.ipynb", flags=["not on the roster"]),
            SubmissionResult("", "toy", status="missing", student="gina")]
    ignored = [NotGraded("notes.txt", "not a notebook, .py or .zip file")]
    written = write_outputs(rows, TOY, tmp_path, not_graded=ignored)
    report = written["report"].read_text()
    assert report.startswith("# toy: Toy questions\n\n5 students: 4 graded, 1 missing; mean of the submissions")
    look = report.split("## Needs a look")[1].split("## Questions")[0]
    assert "**grader errors** in 1 submissions" in look and "dan (`dan.ipynb`): corr2d / test_x" in look
    assert "alice (`alice/toy.ipynb`): code cell 5 has a syntax error: SyntaxError" in look
    assert "bob (`bob.py`): hit limits (time); kept the 3 points earned" in look
    assert "zed (`zed.ipynb`): not on the roster" in look
    assert "**written answers to grade**: essay (2 points by hand): 2 to grade (alice, zed)" in look
    assert "dan (`dan.ipynb`): no answer cell for essay was found" in look
    assert "| corr2d | 4 | 2.25 | 0 | 4 | 0 | 0 |" in report and "| pad2d | 3 | 0.00 | 0 | 0 | 0 | 3 |" in report
    assert "| essay | 2 | graded by hand" in report
    mistakes = report.split("## Mistakes, by question")[1]
    assert "- **your result equals the cross-correlation with the kernel flipped" in mistakes
    assert "(mistake): 3 students, -1.67 points each on average: alice, bob, zed" in mistakes
    assert "- **grader error (not the student's fault)** (hint): 1 student" in mistakes
    assert "- `notes.txt`: not a notebook, .py or .zip file" in report
    assert "## Missing (on the roster, no submission)\n\n- gina" in report
    assert "## Not on the roster\n\n- zed (`zed.ipynb`)" in report
    assert "Mode **namespaces**: own user." in report
    assert sorted(p.name for p in (tmp_path / "feedback").iterdir()) == ["alice.md", "bob.md", "dan.md", "gina.md",
                                                                          "zed.md"]
    grades = list(csv.DictReader(written["csv"].open()))
    assert [g["student"] for g in grades] == ["alice", "bob", "dan", "gina", "zed"]
    for path in [written["csv"], written["report"], written["plot"], *(tmp_path / "feedback").iterdir()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


def test_a_weaker_sandbox_is_named_in_the_report():
    weak = result(isolation={"mode": "landlock", "protections": ["Landlock"], "weaknesses": ["no own user"]})
    assert "- **weaker:** no own user" in summary_markdown([weak], TOY, plot=None)


def test_the_terminal_summary_speaks_the_chosen_language_and_flags_an_untouched_notebook():
    from convkit.reports import terminal_summary

    stubs = result(questions=[pad2d_unattempted()])
    stubs.student = "li"
    english = terminal_summary([stubs], [], with_roster=False)
    chinese = terminal_summary([stubs], [], with_roster=False, language="zh")
    assert english.splitlines()[0].split() == ["student", "file", "points"]
    assert "[graded; nothing attempted" in english and "not graded: none" in english
    assert chinese.splitlines()[0].split() == ["学生", "文件", "得分"]
    assert "[已评分；一道题都没有作答" in chinese and "未能评分：无" in chinese


def test_limits_are_named_in_the_readers_language_and_unknown_ones_kept():
    timed_out = result(limits_hit=["time", "question time", "a new limit"], questions=[corr2d_partly()])
    assert status_text(timed_out) == "graded (limits hit: time, question time, a new limit)"
    assert status_text(timed_out, "zh") == "已评分（达到限制：运行时间，单道题的时间，a new limit）"


def test_the_isolation_a_result_records_reads_in_either_language_and_old_results_keep_their_text():
    from convkit.grading.results import isolation_texts
    from convkit.sandbox.isolation import Plan

    plan = Plan("landlock", root=True, landlock_abi=6)
    plan.protect("isolation.protection.own_uid")
    plan.weaken("isolation.weakness.no_cgroup", reason="no cgroup v2 here")
    recorded = {"mode": plan.mode, "protections": plan.protections, "weaknesses": plan.weaknesses,
                "detail": {"protections": plan.protection_messages, "weaknesses": plan.weakness_messages}}
    assert isolation_texts(recorded, "protections") == ["own uid per sandbox"] == plan.protections
    assert isolation_texts(recorded, "weaknesses", "zh") == ["没有控制组（no cgroup v2 here）：限制靠 rlimit 实现，提交的代码不能启动新进程"]
    old = {"mode": "landlock", "protections": ["Landlock"], "weaknesses": ["no own user"]}
    assert isolation_texts(old, "weaknesses", "zh") == ["no own user"]
    assert Plan.from_dict(plan.to_dict()).weaknesses == plan.weaknesses  # the zygote receives the plan as JSON
