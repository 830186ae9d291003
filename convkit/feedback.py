"""Turning a :class:`SubmissionResult` into feedback a student can act on.

The same walk over questions and failing tests serves the terminal (``convkit check``), the
Markdown files handed back to students (``convkit grade``) and the plugins' reports (otter,
nbgrader); only the decoration differs. The functions below are that walk's parts, for the
plugins to reuse.
"""
from __future__ import annotations

from convkit.grading.results import QuestionResult, SubmissionResult, TestResult

#: How a question's status reads in a report line.
STATUS_MARK = {"passed": "ok", "partial": "partly", "failed": "FAILED", "not attempted": "not attempted"}


def score_text(points: float, maximum: float) -> str:
    """``5 / 7``."""
    return f"{points:g} / {maximum:g}"


def heading_of(test: TestResult) -> str:
    """``keeps_dtype[float64] (0 / 0.5)``: the test's name without ``test_``, and its points."""
    name = test.name[5:] if test.name.startswith("test_") else test.name
    return f"{name} ({score_text(test.points, test.max_points)})"


def failure_lines(question: QuestionResult, show_passing: bool = False) -> list[str]:
    """Each failing test (every test with ``show_passing``) and its message, indented; nothing
    for a question not attempted, whose every test fails the same way."""
    if question.status == "not attempted":
        return []
    lines = []
    for test in question.tests if show_passing else [t for t in question.tests if not t.passed]:
        lines.append(f"  {'✓' if test.passed else '✗'} {heading_of(test)}")
        if not test.passed and test.message:
            lines.extend("      " + line for line in test.message.splitlines())
    return lines


def submission_notes(result: SubmissionResult) -> list[str]:
    """What happened to the submission as a whole: cells that raised, hung or crashed; limits hit."""
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
    for note in submission_notes(result):
        lines.append(f"  note: {note}")
    lines.append("")
    for question in result.questions:
        lines.append(f"{question.id:<28} {score_text(question.points, question.max_points):>12}  "
                     f"{STATUS_MARK[question.status]}")
        lines += failure_lines(question, show_passing)
    lines += ["", f"{'total':<28} {score_text(result.total, result.possible):>12}  ({result.percent:g}%)"]
    return "\n".join(lines)


def render_markdown(result: SubmissionResult) -> str:
    """A feedback file to hand back: score, then what to fix, question by question."""
    title = f"Feedback for {result.student}" if result.student else "Feedback"
    if result.file:
        title += f" on {result.file}"
    lines = [f"# {title}", "",
             f"Assignment **{result.assignment}** — score **{score_text(result.total, result.possible)}** "
             f"({result.percent:g}%)", ""]
    if result.status == "missing":
        return "\n".join(lines + ["> No submission from you was found for this assignment."]) + "\n"
    if result.status != "graded":
        lines += [f"> Your submission could not be graded: {result.status}", ""]
    notes = submission_notes(result)
    if notes:
        lines += ["While running your submission:", ""] + [f"- {note}" for note in notes] + [""]
    for question in result.questions:
        lines.append(f"## {question.id}: {score_text(question.points, question.max_points)} ({question.status})")
        lines.append("")
        for test in [t for t in question.tests if not t.passed] if question.status != "not attempted" else []:
            lines.append(f"- {heading_of(test)}")
            if test.message:
                lines += ["", "  ```", *("  " + line for line in test.message.splitlines()), "  ```", ""]
        if question.status == "passed":
            lines += ["All tests passed.", ""]
        elif question.status == "not attempted":
            lines += ["Not attempted: the names this question asks for are not defined in your submission.", ""]
    return "\n".join(lines).rstrip() + "\n"
