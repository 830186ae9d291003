"""Grade files a learning platform imports, written from the same rows as ``final_grades.csv``.

``--export canvas`` → ``OUT/canvas_grades.csv``, for Canvas's Gradebook → Import. Its header
is what Canvas's importer (``app/models/gradebook_importer.rb``) requires: ``Student``,
``ID``, ``SIS User ID``, ``SIS Login ID``, ``Section``, then one column per assignment,
named ``Assignment Name (assignment id)`` as in Canvas's own export (``--canvas-assignment``;
a name without ``(id)`` is matched by title, and an unknown one creates a new assignment).
A ``Points Possible`` row follows the header. Canvas finds each student by ``ID`` (its user
id: the roster's ``ID`` column, or the number in a Canvas download's file name), else by
``SIS User ID``, ``SIS Login ID``, else by name. The grade is the row's total points.

``--export moodle`` → ``OUT/moodle_grades.csv``, for Moodle's Gradebook → Import → CSV file
(map ``Email address``, ``ID number`` or ``Username`` to the user field of the same name,
and ``Grade`` to the assignment's grade item). It also carries the three columns the
assignment's *Upload grading worksheet* reads (``Identifier`` = ``Participant <number>``
from a Moodle download's names or the roster, ``Grade``, ``Last modified (grade)``, left
blank). ``Maximum Grade`` is convkit's maximum: set the Moodle grade item's maximum to it,
or Moodle caps or rejects the grades.

Rows are in the order of ``final_grades.csv`` and hold exactly its totals (0 for a missing
student or a row that could not be graded), with nothing that depends on when or how often
the batch ran: a resumed or re-graded batch writes the same bytes as a fresh one.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from convkit.grading.results import SubmissionResult, write_atomically

FORMATS = ("canvas", "moodle")
CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_COLUMNS = ["Identifier", "Full name", "Email address", "ID number", "Username", "Grade", "Maximum Grade",
                  "Last modified (grade)"]


def _ordered(results: list[SubmissionResult]) -> list[SubmissionResult]:
    return sorted(results, key=lambda r: (r.student.casefold(), r.student, r.file))


def _number(value: float) -> str:
    return f"{value:.6g}"


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def canvas_csv(results: list[SubmissionResult], column: str) -> str:
    possible = max((r.possible for r in results), default=0.0)
    rows = [CANVAS_COLUMNS + [column], ["Points Possible", "", "", "", "", _number(possible)]]
    for result in _ordered(results):
        ids = result.student_ids
        rows.append([ids.get("name") or result.student, ids.get("canvas_id", ""), ids.get("sis_user_id", ""),
                     ids.get("sis_login_id", ""), ids.get("section", ""), _number(result.total)])
    return _csv(rows)


def moodle_csv(results: list[SubmissionResult]) -> str:
    rows = [list(MOODLE_COLUMNS)]
    for result in _ordered(results):
        ids = result.student_ids
        participant = ids.get("participant", "")
        rows.append([f"Participant {participant}" if participant else "", ids.get("name") or result.student,
                     ids.get("email", ""), ids.get("id_number", ""), ids.get("username", ""), _number(result.total),
                     _number(result.possible), ""])
    return _csv(rows)


def write_exports(results: list[SubmissionResult], formats, output: Path, canvas_assignment: str) -> dict[str, Path]:
    """Write each requested platform file; returns {format: path}."""
    written = {}
    for kind in formats:
        path = output / f"{kind}_grades.csv"
        write_atomically(path, canvas_csv(results, canvas_assignment) if kind == "canvas" else moodle_csv(results))
        written[kind] = path
    return written
