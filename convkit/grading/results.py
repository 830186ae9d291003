"""Grading results: per test, per question, per submission; JSON and otter-style CSV."""
from __future__ import annotations

import csv
import hashlib
import hmac
import json
import os
import secrets
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from convkit.languages import DEFAULT


#: How a question went: every test passed, some points, none, or its names are not defined.
QuestionStatus = Literal["passed", "partial", "failed", "not attempted"]


@dataclass
class TestResult:
    """One grader test (one parametrisation) on one submission."""

    __test__ = False  # not a pytest test class

    question: str
    """The question's id: ``"corr2d"``."""
    name: str
    """The test's name as pytest collects it: ``"test_keeps_dtype[float64]"``."""
    points: float
    """Points earned: ``max_points`` when it passed, else 0."""
    max_points: float
    """What the test is worth: its ``@pytest.mark.points`` split over its parametrisations."""
    passed: bool
    """Whether the check held."""
    message: str = ""
    """For a failure, the feedback shown to the student (call, expected, got, hint), in English; else empty."""
    detail: dict = field(default_factory=dict)
    """For a failure, the same in structured form (:meth:`convkit.grading.failures.Failure.to_dict`: what kind of
    failure, and keyed messages with their parameters, so it can be rendered again in another language); a grader
    error's traceback is kept here for the TA, never shown to the student."""


@dataclass
class QuestionResult:
    """One auto-graded question on one submission: the sum of its tests."""

    id: str
    """The question's id: ``"corr2d"``."""
    points: float
    """Points earned, rounded to 6 decimals."""
    max_points: float
    """The question's maximum: the points of all its tests."""
    status: QuestionStatus
    """``"passed"`` (full marks), ``"partial"``, ``"failed"`` (0 points), ``"not attempted"`` (the names the
    question asks for are missing or still the stub, read from the source: its tests are not run and score 0)."""
    tests: list[TestResult] = field(default_factory=list)
    """Every test of the question, run or not (a test that never ran failed with ``"not graded"``)."""


@dataclass
class SubmissionResult:
    """One submission (one student's row): what ``convkit check --json`` writes and ``results/<student>.json`` keeps."""

    file: str
    """What was graded: ``"alice/conv-layer.ipynb"``, ``"bob.zip:conv-layer.ipynb"``; empty for a missing student."""
    assignment: str
    """The assignment's id: ``"conv-layer"``."""
    status: str = "graded"
    """``"graded"``, or why nothing could be: ``"missing"``, ``"x.ipynb: not a notebook (...)"``, a conflict."""
    questions: list[QuestionResult] = field(default_factory=list)
    """Every auto-graded question of the assignment (or of those asked for), in order."""
    cells: list[dict] = field(default_factory=list)
    """Cells that did not run cleanly: ``{"index", "label", "error", "status"}`` with ``status`` one of
    ``"error"``, ``"timeout"``, ``"crashed"`` (see :class:`convkit.sandbox.client.CellReport`)."""
    limits_hit: list[str] = field(default_factory=list)
    """Limits the submission reached: ``"time"``, ``"submission time"``, ``"memory"``, ``"output"``, ``"crash"``."""
    output_bytes: int = 0
    """How much the submission printed (only the first ``Limits.output_bytes`` are kept)."""
    seconds: float = 0.0
    """Wall-clock seconds its grading took."""
    fingerprint: str = ""
    """Hash of what was graded and of the graders: a resumed batch re-grades when it changes."""
    isolation: dict = field(default_factory=dict)
    """The sandbox it ran in: ``{"mode", "protections", "weaknesses"}`` (weaknesses empty in the full sandbox)."""
    student: str = ""
    """Who submitted it: ``"alice"`` (``file`` says what was graded)."""
    student_ids: dict = field(default_factory=dict)
    """What platforms know the student by (roster, file names): ``{"canvas": "12345"}``."""
    flags: list[str] = field(default_factory=list)
    """Facts a TA should see beside the grade: ``"late (Canvas)"``, ``"not on the roster"``."""
    written: dict = field(default_factory=dict)
    """Each question graded by hand: ``"answered"`` (its answer cell was changed: to grade), ``"placeholder"``
    (left as given), ``"not found"`` (no answer cell in the notebook: look at it), ``"no notebook"`` (a .py file)."""
    lang: str = DEFAULT
    """The language the graded notebook declares (``metadata.convkit.lang``: ``"en"``, ``"zh"``), English when
    it declares none or is a ``.py`` file: the language its feedback defaults to."""

    @property
    def total(self) -> float:
        return round(sum(q.points for q in self.questions), 6)

    @property
    def possible(self) -> float:
        return round(sum(q.max_points for q in self.questions), 6)

    @property
    def percent(self) -> float:
        return round(100.0 * self.total / self.possible, 2) if self.possible else 0.0

    def to_dict(self) -> dict:
        data = asdict(self)
        data.update(total=self.total, possible=self.possible, percent=self.percent)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "SubmissionResult":
        questions = [
            QuestionResult(**{**q, "tests": [TestResult(**t) for t in q.get("tests", [])]})
            for q in data.get("questions", [])
        ]
        fields = {k: data[k] for k in ("file", "assignment", "status", "cells", "limits_hit", "output_bytes",
                                       "seconds", "fingerprint", "isolation", "student", "student_ids", "flags",
                                       "written", "lang")
                  if k in data}
        return cls(questions=questions, **fields)


def write_atomically(path: Path, text: str, mode: int = 0o644) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file.

    Outputs are readable like any file the TA writes (0644 by default; ``mkstemp`` alone would
    leave them 0600, unreadable to a co-grader or a web server sharing the folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


KEY_FILE = ".convkit-key"


def results_key(output: Path) -> bytes:
    """The output folder's signing key, made on first use (readable by the grader only).

    Sandboxes never see the output folder; the key makes sure that a stored result
    (``--resume`` trusts them) was written by a grader holding it, not planted or edited.
    """
    path = output / KEY_FILE
    try:
        return bytes.fromhex(path.read_text().strip())
    except (OSError, ValueError):
        pass
    output.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as stream:
        stream.write(key.hex())
    return key


def _signature(data: dict, key: bytes) -> str:
    payload = json.dumps({k: v for k, v in data.items() if k != "signature"}, sort_keys=True).encode()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def save_result(result: SubmissionResult, path: Path, key: bytes | None = None) -> None:
    data = result.to_dict()
    if key is not None:
        data["signature"] = _signature(data, key)
    write_atomically(path, json.dumps(data, indent=1))


class UnsignedResult(ValueError):
    """A stored result whose signature does not match: not written by this grader."""


def load_result(path: Path, key: bytes | None = None) -> SubmissionResult:
    data = json.loads(path.read_text(encoding="utf-8"))
    if key is not None and not hmac.compare_digest(str(data.get("signature", "")), _signature(data, key)):
        raise UnsignedResult(f"{path.name} was not written by this grader (its signature does not match)")
    return SubmissionResult.from_dict(data)


def csv_text(results: list[SubmissionResult], question_ids: list[str], manual: dict | None = None) -> str:
    """otter's ``final_grades.csv`` layout with the student first: student, file, one column per
    question, total, possible, percent.

    ``student`` says who (folder, file name or roster), ``file`` what was graded (empty for a
    roster student with no submission). ``manual`` maps each question graded by hand to its
    points: each gets a column ``<id> (by hand, /N)`` saying ``to grade`` (a written answer),
    ``not answered`` (the placeholder left) or ``look: no answer cell``, for the TA to replace
    by the points given (the total counts the automatic points only). A last ``status``
    column says why a row has no grades (unreadable file, conflict, missing), which limits a
    submission hit, which questions were not attempted, and its flags (late, not on the roster).
    """
    import io

    from convkit.messages import message, render

    manual = manual or {}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    by_hand = [render(message("csv.by_hand_column", question=q, points=_number(p))) for q, p in manual.items()]
    writer.writerow(["student", "file", *question_ids, "total", "possible", "percent", "status", *by_hand])
    for result in sorted(results, key=lambda r: (r.student.casefold(), r.student, r.file)):
        points = {q.id: q.points for q in result.questions}
        writer.writerow([result.student, result.file, *[_number(points.get(q, 0.0)) for q in question_ids],
                         _number(result.total), _number(result.possible), _number(result.percent),
                         status_text(result), *[to_grade_text(result, q) for q in manual]])
    return buffer.getvalue()


#: What the "by hand" column says for each state of a written answer (see ``SubmissionResult.written``).
TO_GRADE_KEYS = {"answered": "csv.to_grade", "placeholder": "csv.not_answered", "not found": "csv.no_answer_cell",
                 "no notebook": "csv.not_answered"}


def to_grade_text(result: SubmissionResult, question_id: str) -> str:
    from convkit.messages import message, render

    state = result.written.get(question_id)
    return render(message(TO_GRADE_KEYS[state])) if state in TO_GRADE_KEYS else ""


#: The limits a submission can hit, as results store them, and their catalogue keys.
LIMIT_KEYS = {"time": "limit.time", "memory": "limit.memory", "crash": "limit.crash", "output": "limit.output",
              "submission time": "limit.submission_time", "question time": "limit.question_time"}


def limits_text(names, language: str = "en") -> str:
    """The limits hit, as a reader of ``language`` names them (an unknown name as it is stored)."""
    from convkit.messages import joined, message, render

    return joined("join.list", [render(message(LIMIT_KEYS[n]), language) if n in LIMIT_KEYS else n for n in names],
                  language)


def isolation_texts(isolation: dict, kind: str, language: str = "en") -> list[str]:
    """A result's ``kind`` ("protections" or "weaknesses") in ``language``: from the keyed
    messages where the result has them, else the English texts older results stored."""
    from convkit.messages import Message, render

    detail = isolation.get("detail", {}).get(kind)
    if detail is None:
        return list(isolation.get(kind, []))
    return [render(Message.from_dict(data), language) for data in detail]


def status_text(result: SubmissionResult, language: str = "en") -> str:
    """The status with the limits hit, the questions not attempted and the flags:
    ``graded (limits hit: time); not attempted: pad2d, conv2d_cost; late (Canvas)``."""
    from convkit.messages import message, render

    from convkit.messages import joined

    status = render(message("status.graded"), language) if result.status == "graded" else result.status
    if result.limits_hit:
        status = render(message("status.limits_hit", status=status, limits=limits_text(result.limits_hit, language)), language)
    parts = [status]
    skipped = [q.id for q in result.questions if q.status == "not attempted"]
    if result.status == "graded" and skipped:
        parts.append(render(message("status.nothing_attempted") if len(skipped) == len(result.questions) else
                            message("status.not_attempted_list", questions=", ".join(skipped)), language))
    return joined("join.clauses", [*parts, *result.flags], language)


def _number(value: float) -> str:
    return f"{value:.6g}"


def build_questions(assignment, question_ids, grader_tests, results, attempts) -> list[QuestionResult]:
    """Per-question totals; every collected grader test appears, run or not.

    ``attempts`` maps a question to its :class:`convkit.grading.source.Attempt` (None: nothing
    was read, every question is "not attempted").
    """
    by_key = {(r.question, r.name): r for r in results}
    questions = []
    chosen = assignment.auto_questions if question_ids is None else [assignment.question(q) for q in question_ids]
    for question in chosen:
        if question.manual:
            continue
        tests = [by_key.get((q, name)) or TestResult(q, name, 0.0, points, False, "not graded")
                 for q, name, points in grader_tests if q == question.id]
        points = round(sum(t.points for t in tests), 6)
        maximum = round(sum(t.max_points for t in tests), 6)
        attempted = attempts is not None and question.id in attempts and attempts[question.id].attempted
        status = ("not attempted" if not attempted else
                  "passed" if points >= maximum else "partial" if points > 0 else "failed")
        questions.append(QuestionResult(question.id, points, maximum, status, tests))
    return questions


def ungraded(assignment, question_ids, grader_tests, file: str, status: str, limits_hit=()) -> SubmissionResult:
    """A row for a submission that could not be graded: zero on every test, the reason as status."""
    result = SubmissionResult(file=file, assignment=assignment.id, status=status, limits_hit=list(limits_hit))
    result.questions = build_questions(assignment, question_ids, grader_tests, [], attempts=None)
    return result
