"""Turning a :class:`SubmissionResult` into feedback a student can act on.

The same walk over questions and failing tests serves the terminal (``convkit check``) and
the Markdown files handed back to students (``convkit grade``); only the decoration differs.
"""
from __future__ import annotations

from convkit.grading.results import QuestionResult, SubmissionResult, TestResult

_MARK = {"passed": "ok", "partial": "partly", "failed": "FAILED", "not attempted": "not attempted"}


def _score(points: float, maximum: float) -> str:
    return f"{points:g} / {maximum:g}"


def _test_label(test: TestResult) -> str:
    name = test.name[5:] if test.name.startswith("test_") else test.name
    return f"{name} ({_score(test.points, test.max_points)})"


def _failing(question: QuestionResult) -> list[TestResult]:
    return [t for t in question.tests if not t.passed]


def _notes(result: SubmissionResult) -> list[str]:
    notes = []
    for cell in result.cells:
        what = {"timeout": "was stopped (time limit) and skipped",
                "crashed": "ended the process and was skipped"}.get(cell.get("status"), "raised an error")
        notes.append(f"{cell.get('label')} {what}: {cell.get('error')}")
    if result.limits_hit:
        notes.append("limits hit: " + ", ".join(result.limits_hit))
    return notes


def render_text(result: SubmissionResult, show_passing: bool = False) -> str:
    """Terminal report for ``convkit check``: per question, points and each failure's message."""
    lines = [f"{result.file} — assignment {result.assignment}"]
    if result.status != "graded":
        lines.append(f"  {result.status}")
    for note in _notes(result):
        lines.append(f"  note: {note}")
    lines.append("")
    for question in result.questions:
        lines.append(f"{question.id:<28} {_score(question.points, question.max_points):>12}  {_MARK.get(question.status, question.status)}")
        if question.status == "not attempted":
            continue
        for test in (question.tests if show_passing else _failing(question)):
            lines.append(f"  {'✓' if test.passed else '✗'} {_test_label(test)}")
            if not test.passed and test.message:
                lines.extend("      " + line for line in test.message.splitlines())
    lines += ["", f"{'total':<28} {_score(result.total, result.possible):>12}  ({result.percent:g}%)"]
    return "\n".join(lines)


def render_markdown(result: SubmissionResult) -> str:
    """A feedback file to hand back: score, then what to fix, question by question."""
    title = f"Feedback for {result.student}" if result.student else "Feedback"
    if result.file:
        title += f" on {result.file}"
    lines = [f"# {title}", "",
             f"Assignment **{result.assignment}** — score **{_score(result.total, result.possible)}** "
             f"({result.percent:g}%)", ""]
    if result.status == "missing":
        return "\n".join(lines + ["> No submission from you was found for this assignment."]) + "\n"
    if result.status != "graded":
        lines += [f"> Your submission could not be graded: {result.status}", ""]
    notes = _notes(result)
    if notes:
        lines += ["While running your submission:", ""] + [f"- {note}" for note in notes] + [""]
    for question in result.questions:
        lines.append(f"## {question.id}: {_score(question.points, question.max_points)} ({question.status})")
        lines.append("")
        for test in _failing(question) if question.status != "not attempted" else []:
            lines.append(f"- {_test_label(test)}")
            if test.message:
                lines += ["", "  ```", *("  " + line for line in test.message.splitlines()), "  ```", ""]
        if question.status == "passed":
            lines += ["All tests passed.", ""]
        elif question.status == "not attempted":
            lines += ["Not attempted: the names this question asks for are not defined in your submission.", ""]
    return "\n".join(lines).rstrip() + "\n"
