"""Turning a :class:`SubmissionResult` into feedback a student can act on.

The same walk over questions and findings (:mod:`convkit.grading.findings`: one item per
mistake, not one per test) serves the terminal (``convkit check``), the Markdown files
handed back to students (``convkit grade``) and the plugins' reports (otter, nbgrader); only
the decoration differs. A question not attempted is one line; a submission that could not be
graded is its reason, not a page of zeros. Every text comes from the message catalogue
(:mod:`convkit.messages`), so the same result renders in another language.
"""
from __future__ import annotations

from convkit.grading.findings import findings, function_name, points_text
from convkit.grading.results import QuestionResult, SubmissionResult, limits_text
from convkit.messages import message, render, say
from convkit.submission import error_message, label_message

#: Message key of each question status as a report line shows it.
STATUS_KEYS = {"passed": "status.passed", "partial": "status.partial", "failed": "status.failed",
               "not attempted": "status.not_attempted"}


def status_word(status: str, language: str = "en") -> str:
    """``partial`` -> ``partly``: a question's status as feedback shows it."""
    return render(message(STATUS_KEYS.get(status, "status.partial")), language)



def columns(text: str) -> int:
    """The terminal columns ``text`` takes: a Chinese character takes two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def padded(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns."""
    return text + " " * max(0, width - columns(text))


def score_text(points: float, maximum: float) -> str:
    """``5 / 7``, ``1.83 / 6``: points with at most two decimals."""
    return f"{points_text(points)} / {points_text(maximum)}"


def failure_lines(question: QuestionResult, show_passing: bool = False, language: str = "en") -> list[str]:
    """Each finding (see :mod:`convkit.grading.findings`) and its example, indented; with
    ``show_passing`` the passing test functions too; nothing for a question not attempted."""
    if question.status == "not attempted":
        return []
    lines = []
    if show_passing:
        passing = sorted({function_name(t.name) for t in question.tests if t.passed}
                         - {function_name(t.name) for t in question.tests if not t.passed})
        if passing:
            lines.append("  ✓ " + render(message("feedback.passing", tests=", ".join(passing)), language))
    for finding in findings(question):
        lines.append(f"  ✗ {finding.heading(language)}")
        lines.extend("      " + line for line in finding.lines(language))
    return lines


def submission_notes(result: SubmissionResult, language: str = "en") -> list[str]:
    """What happened to the submission as a whole: cells that raised, hung or crashed; limits hit."""
    notes = []
    for cell in result.cells:
        key = {"timeout": "note.cell_timeout", "crashed": "note.cell_crashed"}.get(cell.get("status"), "note.cell_error")
        notes.append(render(message(key, cell=label_message(cell.get("label")), error=error_message(cell.get("error"))),
                            language))
    if result.limits_hit:
        notes.append(render(message("note.limits", limits=limits_text(result.limits_hit, language)), language))
    return notes


def _manual_lines(result: SubmissionResult, language: str) -> list[tuple[str, str]]:
    """(question, what happens to it) for each question graded by hand."""
    shown = []
    for question_id, state in result.written.items():
        key = {"placeholder": "feedback.by_hand_placeholder", "no notebook": "feedback.by_hand_no_notebook",
               "not found": "feedback.by_hand_not_found"}.get(state, "feedback.by_hand")
        shown.append((question_id, render(message(key), language)))
    return shown


def render_text(result: SubmissionResult, show_passing: bool = False, language: str = "en") -> str:
    """Terminal report for ``convkit check``: per question, points and each finding."""
    lines = [render(message("feedback.text_title", file=result.file, assignment=result.assignment), language)]
    if result.status != "graded":
        return "\n".join(lines + ["  " + render(message("feedback.not_graded", reason=result.status), language)])
    for note in submission_notes(result, language):
        lines.append("  " + render(message("feedback.note", note=note), language))
    lines.append("")
    for question in result.questions:
        lines.append(f"{question.id:<28} {score_text(question.points, question.max_points):>12}  "
                     f"{status_word(question.status, language)}")
        lines += failure_lines(question, show_passing, language)
    for question_id, text in _manual_lines(result, language):
        lines.append(f"{question_id:<28} {'':>12}  {text}")
    lines += ["", f"{padded(render(message('feedback.total'), language), 28)} "
                  f"{score_text(result.total, result.possible):>12}  ({points_text(result.percent)}%)"]
    return "\n".join(lines)


def render_markdown(result: SubmissionResult, language: str = "en") -> str:
    """A feedback file to hand back: the scores in one table, then what to fix, question by question."""
    title = say("feedback.title", language, student=result.student) if result.student else \
        say("feedback.title_plain", language)
    if result.file:
        title = say("feedback.title_on", language, title=title, file=result.file)
    lines = [f"# {title}", ""]
    if result.status == "missing":
        return "\n".join(lines + [say("feedback.missing", language)]) + "\n"
    if result.status != "graded":
        return "\n".join(lines + [say("feedback.could_not_grade", language, assignment=result.assignment,
                                      reason=result.status)]) + "\n"
    lines += [say("feedback.score", language, assignment=result.assignment,
                  score=score_text(result.total, result.possible), percent=points_text(result.percent)), ""]
    notes = submission_notes(result, language)
    if notes:
        lines += [say("feedback.while_running", language), ""] + [f"- {note}" for note in notes] + [""]
    headings = (say("feedback.column_question", language), say("feedback.column_points", language))
    lines += [f"| {headings[0]} | {headings[1]} | |", "|---|---:|---|"]
    for question in result.questions:
        lines.append(f"| {question.id} | {score_text(question.points, question.max_points)} | "
                     f"{status_word(question.status, language)} |")
    for question_id, text in _manual_lines(result, language):
        lines.append(f"| {question_id} | | {text} |")
    lines.append("")
    for question in result.questions:
        found = findings(question)
        if not found:
            continue
        lines += [f"## {question.id}: {score_text(question.points, question.max_points)}", ""]
        for finding in found:
            lines += [f"- **{finding.heading(language)}**", "", "  ```",
                      *("  " + line for line in finding.lines(language)), "  ```", ""]
    return "\n".join(lines).rstrip() + "\n"
