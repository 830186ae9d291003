"""Who should have submitted: ``--roster roster.csv``.

A roster is a CSV file with a header row (comma, semicolon or tab separated; UTF-8, with or
without a byte-order mark). Column names are matched ignoring case, spaces, underscores
and punctuation; columns not listed here are ignored, so the platforms' own exports work
as rosters unchanged:

``student``                 the id submissions are matched with (a folder name, a name in a
                            file name, a user id); also the ``student`` column of the grades
``name`` / ``full name``    the student's name (Canvas's "Student" export column is read as
                            ``student``; Moodle's "Full name" as ``name``)
``email`` / ``email address``
``id`` / ``canvas id``      Canvas's numeric user id (the ``ID`` column of Canvas's export)
``sis user id``, ``sis login id``, ``section``          Canvas, copied into ``--export canvas``
``identifier`` / ``participant``                         Moodle's ``Participant 12345``
``id number``, ``username``                              Moodle, copied into ``--export moodle``

At least one of ``student``, ``name``, ``email``, ``username``, ``id number``, ``sis login
id``, ``sis user id``, ``id`` or ``identifier`` is needed; a row's student id is the first of
those it fills. Blank rows and Canvas's "Points Possible" row are skipped.

A submission matches a row when (1) its platform id equals the row's (Canvas user id from a
Canvas file name; Moodle participant number from a Moodle folder or file name), else (2)
its student (folder name, name in the file name) equals the row's ``student``, ``name``,
``email``, ``username``, ``id number``, ``sis login id`` or ``sis user id`` (ignoring case,
spaces, ``_`` and ``-``), else (3) for a Canvas file name, its name part equals the row's
``student`` or ``name`` as Canvas writes names into file names ("Smith, John" and "John
Smith" both as ``smithjohn``). A submission matching several rows matches none, and is
flagged.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from convkit.errors import ConvkitError
from convkit.intake.names import Origin, canvas_name_key, normalise

#: Header (normalised) → field.
COLUMNS = {
    "student": "student",
    "name": "name", "full_name": "name",
    "email": "email", "e_mail": "email", "email_address": "email",
    "id": "canvas_id", "canvas_id": "canvas_id", "canvas_user_id": "canvas_id",
    "sis_user_id": "sis_user_id", "sis_login_id": "sis_login_id", "section": "section",
    "identifier": "participant", "participant": "participant", "participant_id": "participant",
    "id_number": "id_number", "idnumber": "id_number",
    "username": "username",
}
#: Fields that can identify a student, in the order that picks a row's student id.
IDENTIFYING = ("student", "name", "email", "username", "id_number", "sis_login_id", "sis_user_id", "canvas_id",
               "participant")
#: Fields a folder or file name may be equal to.
NAMED_BY = ("student", "name", "email", "username", "id_number", "sis_login_id", "sis_user_id")


@dataclass(frozen=True)
class RosterStudent:
    student: str
    name: str = ""
    email: str = ""
    canvas_id: str = ""
    sis_user_id: str = ""
    sis_login_id: str = ""
    section: str = ""
    participant: str = ""
    id_number: str = ""
    username: str = ""
    line: int = 0

    def ids(self) -> dict[str, str]:
        """What platforms know the student by (for the grade exports), blanks left out."""
        return {k: v for k, v in asdict(self).items() if v and k not in ("student", "line")}


class Roster:
    def __init__(self, students: list[RosterStudent], source: str = "roster"):
        self.students = students
        self.source = source
        self._index: dict[tuple[str, str], list[int]] = {}
        for position, student in enumerate(students):
            for key in _row_keys(student):
                rows = self._index.setdefault(key, [])
                if position not in rows:
                    rows.append(position)

    def match(self, student: str, origin: Origin | None) -> tuple[RosterStudent | None, str | None]:
        """The row this submission belongs to, or (None, why) when several rows fit."""
        for keys in _submission_keys(student, origin):
            rows = sorted({row for key in keys for row in self._index.get(key, [])})
            if len(rows) == 1:
                return self.students[rows[0]], None
            if len(rows) > 1:
                names = ", ".join(self.students[r].student for r in rows)
                return None, f"matches several roster rows ({names})"
        return None, None


def _row_keys(student: RosterStudent):
    if student.canvas_id:
        yield ("canvas", student.canvas_id)
    if student.participant:
        yield ("moodle", student.participant)
    for name in NAMED_BY:
        value = getattr(student, name)
        if value:
            yield ("name", normalise(value))
    for value in (student.student, student.name):
        if value:
            yield ("canvas-name", canvas_name_key(value))
            if "," not in value and " " in value.strip():  # "John Smith": Canvas sorts it as "Smith, John"
                first, last = value.strip().rsplit(" ", 1)
                yield ("canvas-name", canvas_name_key(last + first))


def _submission_keys(student: str, origin: Origin | None):
    """Keys tried in order of trust: the platform's id, the student's name, Canvas's name part."""
    if origin is not None and origin.platform_key:
        yield [origin.platform_key]
    yield [("name", normalise(student))]
    if origin is not None and origin.platform == "canvas" and origin.student:
        yield [("canvas-name", canvas_name_key(origin.student))]


# ------------------------------------------------------------------ reading
def load_roster(path: Path) -> Roster:
    """Read ``path``; any problem is a :class:`ConvkitError` naming the file and line."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ConvkitError(f"{path}: no such roster file") from None
    except OSError as error:
        raise ConvkitError(f"{path}: cannot be read ({error.strerror or error})") from None
    except UnicodeDecodeError as error:
        raise ConvkitError(f"{path}: not UTF-8 text (byte {error.start}); save the roster as UTF-8 CSV") from None
    rows = list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
    if not rows:
        raise ConvkitError(f"{path}: the roster is empty (it needs a header row, e.g. 'student')")
    columns = _columns(path, rows[0])
    students = [s for number, row in enumerate(rows[1:], start=2) if (s := _student(path, number, row, columns))]
    _check_unique(path, students)
    return Roster(students, str(path))


def _delimiter(text: str) -> str:
    header = text.splitlines()[0] if text.strip() else ""
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _columns(path: Path, header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        name = COLUMNS.get(re.sub(r"[^a-z0-9]+", "_", title.strip().casefold()).strip("_"))
        if name and name not in columns:
            columns[name] = index
    if not any(name in columns for name in IDENTIFYING):
        raise ConvkitError(f"{path}: no column naming the students; the header needs 'student' (or 'name', "
                           f"'email', 'username', 'id number', 'sis login id', 'id' or 'identifier'); "
                           f"found: {', '.join(header) or 'nothing'}")
    return columns


def _student(path: Path, number: int, row: list[str], columns: dict[str, int]) -> RosterStudent | None:
    values = {name: (row[index].strip() if index < len(row) else "") for name, index in columns.items()}
    if not any(cell.strip() for cell in row) or row[0].strip().startswith("Points Possible"):
        return None
    if values.get("participant"):
        digits = re.search(r"\d+", values["participant"])
        values["participant"] = digits.group(0) if digits else values["participant"]
    student = next((values[name] for name in IDENTIFYING if values.get(name)), "")
    if not student:
        raise ConvkitError(f"{path} line {number}: no student id in this row ({', '.join(row)})")
    known = {f.name for f in fields(RosterStudent)}
    return RosterStudent(**{**{k: v for k, v in values.items() if k in known}, "student": student, "line": number})


def _check_unique(path: Path, students: list[RosterStudent]) -> None:
    seen: dict[tuple[str, str], RosterStudent] = {}
    for student in students:
        keys = [("student", normalise(student.student), student.student)]
        keys += [(name, getattr(student, name), getattr(student, name)) for name in ("canvas_id", "participant")
                 if getattr(student, name)]
        for kind, key, shown in keys:
            if (kind, key) in seen:
                raise ConvkitError(f"{path} line {student.line}: {kind.replace('_', ' ')} {shown!r} is already "
                                   f"on line {seen[kind, key].line}; each student must be listed once")
            seen[kind, key] = student
