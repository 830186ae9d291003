"""Rosters (convkit's own, Canvas's and Moodle's exports) and the grade files platforms import.

No grading: rows are built by hand, as the batch would hand them to the exports.
"""
import copy
import csv
import io
import json

import pytest

from convkit.errors import ConvkitError
from convkit.exports import canvas_csv, moodle_csv
from convkit.grading.results import QuestionResult, SubmissionResult
from convkit.intake import collect
from convkit.intake.names import parse_file_name, parse_folder_name
from convkit.roster import load_roster
from tests.helpers import canvas_header_accepted

CANVAS_EXPORT = (
    "Student,ID,SIS User ID,SIS Login ID,Section,Conv Layer (9876),Current Score\n"
    "    Points Possible,,,,,100,\n"
    '"Smith, Jane",12345,S-1,jsmith,Mon lab,,\n'
    '"Liddell, Alice",23456,S-2,aliddell,Tue lab,,\n'
)
MOODLE_WORKSHEET = (
    "Identifier,Full name,Email address,Status,Grade,Maximum Grade,Grade can be changed,"
    "Last modified (submission),Last modified (grade),Feedback comments\n"
    "Participant 4242,Frank Moore,frank@uni.edu,Submitted for grading,,100.00,Yes,-,-,\n"
)


def roster_file(tmp_path, text, name="roster.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return load_roster(path)


def notebook(tmp_path, relative):
    path = tmp_path / "subs" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}) + relative)
    return path


def test_convkit_roster_with_bom_and_semicolons(tmp_path):
    roster = roster_file(tmp_path, "\ufeffStudent;E-mail;Section\nalice;alice@uni.edu;A\n\n;;\nbob;;B\n")
    assert [(s.student, s.email, s.section, s.line) for s in roster.students] == \
        [("alice", "alice@uni.edu", "A", 2), ("bob", "", "B", 5)]


def test_platform_exports_are_rosters(tmp_path):
    canvas = roster_file(tmp_path, CANVAS_EXPORT, "canvas.csv")
    assert [(s.student, s.canvas_id, s.sis_login_id, s.section) for s in canvas.students] == \
        [("Smith, Jane", "12345", "jsmith", "Mon lab"), ("Liddell, Alice", "23456", "aliddell", "Tue lab")]
    moodle = roster_file(tmp_path, MOODLE_WORKSHEET, "moodle.csv")
    assert [(s.student, s.name, s.email, s.participant) for s in moodle.students] == \
        [("Frank Moore", "Frank Moore", "frank@uni.edu", "4242")]


@pytest.mark.parametrize("text, problem", [
    ("", "the roster is empty"),
    ("grade,comment\n1,2\n", "no column naming the students; the header needs 'student'"),
    ("student,section\nalice,A\n,B\n", "line 3: no student id in this row"),
    ("student\nalice\nAlice\n", "line 3: student 'Alice' is already on line 2"),
    ("student,id\na,1\nb,1\n", "line 3: canvas id '1' is already on line 2"),
])
def test_bad_rosters_are_one_clear_error(tmp_path, text, problem):
    with pytest.raises(ConvkitError, match=problem):
        roster_file(tmp_path, text)


def test_missing_or_binary_roster(tmp_path):
    with pytest.raises(ConvkitError, match="no such roster file"):
        load_roster(tmp_path / "nope.csv")
    (tmp_path / "r.csv").write_bytes(b"student\n\xff\xfe")
    with pytest.raises(ConvkitError, match="not UTF-8 text"):
        load_roster(tmp_path / "r.csv")


def test_matching_rules(tmp_path):
    roster = roster_file(tmp_path, "student,name,email,id,identifier\n"
                                   "jane,\"Smith, Jane\",,12345,\n"
                                   "alice,Alice Liddell,alice@uni.edu,,\n"
                                   "frank,Frank Moore,,,Participant 4242\n"
                                   "tom,Tom Lee,,,\ntomas,Tom Lee,,,\n")
    canvas_by_id = parse_file_name("whoever_12345_1_conv-layer.ipynb")
    assert roster.match("whoever", canvas_by_id)[0].student == "jane"
    canvas_by_name = parse_file_name("liddellalice_999_1_conv-layer.ipynb")  # no id on the roster: by name
    assert roster.match("liddellalice", canvas_by_name)[0].student == "alice"
    moodle = parse_folder_name("Someone Else_4242_assignsubmission_file_")
    assert roster.match("Someone Else", moodle)[0].student == "frank"
    assert roster.match("ALICE@uni.edu", None)[0].student == "alice"
    assert roster.match("alice_liddell", None)[0].student == "alice"
    assert roster.match("Tom Lee", None) == (None, "matches several roster rows (tom, tomas)")
    assert roster.match("zed", None) == (None, None)


def test_roster_rows_missing_and_strangers_flagged(tmp_path):
    roster = roster_file(tmp_path, CANVAS_EXPORT)
    notebook(tmp_path, "smithjane_LATE_12345_678_conv-layer.ipynb")
    notebook(tmp_path, "zed.ipynb")
    intake = collect(tmp_path / "subs", ["conv-layer"], roster)
    by_student = {e.student: e for e in intake.entries}
    assert sorted(by_student) == ["Liddell, Alice", "Smith, Jane", "zed"]
    assert by_student["Smith, Jane"].flags == ["late (Canvas)"]
    assert by_student["Smith, Jane"].ids == {"canvas_id": "12345", "sis_user_id": "S-1", "sis_login_id": "jsmith",
                                             "section": "Mon lab"}
    assert by_student["Liddell, Alice"].status == "missing" and by_student["Liddell, Alice"].file == ""
    assert by_student["zed"].flags == ["not on the roster"]


# ---------------------------------------------------------------- exports
def result(student, total, possible=96.5, status="graded", **ids):
    questions = [QuestionResult("corr2d", total, possible, "partial")]
    return SubmissionResult(f"{student}.ipynb", "conv-layer", status=status, questions=questions, student=student,
                            student_ids=ids)


ROWS = [result("Smith, Jane", 50, canvas_id="12345", sis_user_id="S-1", sis_login_id="jsmith", section="Mon lab"),
        result("alice", 96.5, name="Alice Liddell", email="alice@uni.edu"),
        result("Frank Moore", 12.25, participant="4242"),
        result("gina", 0, status="missing", username="gina7")]


def test_canvas_file_is_what_canvas_imports():
    rows = list(csv.reader(io.StringIO(canvas_csv(ROWS, "Conv Layer (9876)"))))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Conv Layer (9876)"]
    assert canvas_header_accepted(rows[0])
    assert rows[1] == ["Points Possible", "", "", "", "", "96.5"]
    assert rows[2:] == [["Alice Liddell", "", "", "", "", "96.5"], ["Frank Moore", "", "", "", "", "12.25"],
                        ["gina", "", "", "", "", "0"], ["Smith, Jane", "12345", "S-1", "jsmith", "Mon lab", "50"]]


def test_moodle_file_has_the_gradebook_and_worksheet_columns():
    rows = list(csv.reader(io.StringIO(moodle_csv(ROWS))))
    assert rows[0] == ["Identifier", "Full name", "Email address", "ID number", "Username", "Grade", "Maximum Grade",
                       "Last modified (grade)"]
    assert rows[1:] == [["", "Alice Liddell", "alice@uni.edu", "", "", "96.5", "96.5", ""],
                        ["Participant 4242", "Frank Moore", "", "", "", "12.25", "96.5", ""],
                        ["", "gina", "", "", "gina7", "0", "96.5", ""],
                        ["", "Smith, Jane", "", "", "", "50", "96.5", ""]]


def test_exports_do_not_depend_on_row_order_or_timing():
    shuffled = [copy.deepcopy(ROWS[i]) for i in (2, 0, 3, 1)]
    for row in shuffled:
        row.seconds, row.fingerprint = 17.0, "regraded"  # a re-graded row took a different time
    assert canvas_csv(shuffled, "x") == canvas_csv(ROWS, "x") and moodle_csv(shuffled) == moodle_csv(ROWS)
