"""What a batch leaves for the TA: grades CSV, per-student feedback, and a one-page report.

``OUT/final_grades.csv``      otter's layout with the student first, one row per student
``OUT/results/<name>.json``   every test's outcome (written by the batch as it goes)
``OUT/feedback/<name>.md``    feedback to hand back to each student
``OUT/report.md``             score distribution per question, most common failures,
                              rows that need a look, every file not graded with its reason,
                              missing roster students, submissions not on the roster
``OUT/scores.png``            the per-question score distribution as a plot
``OUT/<platform>_grades.csv`` with ``--export`` (see :mod:`convkit.exports`)

``<name>`` is the student's id made safe as a file name (see :func:`convkit.intake.safe_name`).
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from convkit.assignments import Assignment
from convkit.exports import write_exports
from convkit.feedback import render_markdown
from convkit.grading.results import SubmissionResult, csv_text, status_text, write_atomically
from convkit.intake import MISSING, NOT_ON_ROSTER, safe_name

TOP_FAILURES = 10


def write_outputs(results: list[SubmissionResult], assignment: Assignment, output: Path, keys=None,
                  not_graded=(), exports=(), canvas_assignment: str | None = None) -> dict[str, Path]:
    """Write every report; ``keys`` name each result's feedback file (as its results/ file). Returns paths by kind."""
    question_ids = [q.id for q in assignment.auto_questions]
    keys = keys or [safe_name(r.student or Path(r.file).stem) for r in results]
    written = {"csv": output / "final_grades.csv", "report": output / "report.md"}
    write_atomically(written["csv"], csv_text(results, question_ids))
    for key, result in zip(keys, results):
        write_atomically(output / "feedback" / f"{key}.md", render_markdown(result))
    submitted = [r for r in results if r.status != MISSING]
    plot = _plot_distribution(submitted, question_ids, output / "scores.png")
    if plot:
        written["plot"] = plot
    write_atomically(written["report"], summary_markdown(results, assignment, plot, not_graded))
    written.update(write_exports(results, exports, output, canvas_assignment or assignment.id))
    return written


def counts_line(results: list[SubmissionResult]) -> str:
    """``5 students: 3 graded, 1 could not be graded, 1 missing``."""
    missing = sum(r.status == MISSING for r in results)
    graded = sum(r.status == "graded" for r in results)
    parts = [f"{graded} graded"]
    if len(results) - graded - missing:
        parts.append(f"{len(results) - graded - missing} could not be graded")
    if missing:
        parts.append(f"{missing} missing")
    return f"{len(results)} student{'s' if len(results) != 1 else ''}: " + ", ".join(parts)


def summary_markdown(results: list[SubmissionResult], assignment: Assignment, plot: Path | None,
                     not_graded=()) -> str:
    submitted = [r for r in results if r.status != MISSING]
    lines = [f"# {assignment.id}: {assignment.title}", "",
             f"{counts_line(results)}; mean of the submissions {_mean([r.percent for r in submitted]):.1f}%.", ""]
    if plot:
        lines += [f"![score distribution per question]({plot.name})", ""]
    lines += ["## Questions", "", "| question | max | mean | full marks | not attempted |", "|---|---:|---:|---:|---:|"]
    for question in assignment.auto_questions:
        rows = [q for r in submitted for q in r.questions if q.id == question.id]
        if not rows:
            continue
        lines.append(f"| {question.id} | {rows[0].max_points:g} | {_mean([q.points for q in rows]):.2f} | "
                     f"{sum(q.status == 'passed' for q in rows)} | {sum(q.status == 'not attempted' for q in rows)} |")
    lines += ["", "## Most common failures", ""]
    lines += _common_failures(submitted) or ["None."]
    lines += ["", "## Needs a look", ""]
    lines += _needs_look(submitted) or ["Every submission was graded within its limits."]
    lines += ["", "## Not graded", ""]
    lines += [f"- `{item.path}`: {item.reason}" for item in not_graded] or ["Every file in the folder was graded."]
    missing = [r for r in results if r.status == MISSING]
    if missing:
        lines += ["", "## Missing (on the roster, no submission)", "", *[f"- {r.student}" for r in missing]]
    strangers = [r for r in results if any(f.startswith(NOT_ON_ROSTER) for f in r.flags)]
    if strangers:
        lines += ["", "## Not on the roster", "", *[f"- {r.student} (`{r.file or 'nothing graded'}`)" for r in strangers]]
    lines += ["", "## Isolation", ""] + _isolation(results)
    return "\n".join(lines) + "\n"


def _isolation(results) -> list[str]:
    """How the submissions were sandboxed, and every weakness, so a weaker run is never mistaken for a safe one."""
    described = {json.dumps(r.isolation, sort_keys=True): r.isolation for r in results if r.isolation}
    if not described:
        return ["No submission ran (nothing to isolate)."]
    lines = []
    for isolation in described.values():
        lines.append(f"Mode **{isolation.get('mode')}**: " + "; ".join(isolation.get("protections", [])) + ".")
        lines += [f"- **weaker:** {weakness}" for weakness in isolation.get("weaknesses", [])]
    return lines


def _common_failures(results) -> list[str]:
    """Failing tests by how many attempted submissions failed them, with one example message."""
    counts, examples = Counter(), {}
    for result in results:
        for question in result.questions:
            if question.status == "not attempted":
                continue
            for test in question.tests:
                if not test.passed:
                    key = (test.question, test.name)
                    counts[key] += 1
                    examples.setdefault(key, test.message.splitlines()[:4])
    lines = []
    for (question, name), count in counts.most_common(TOP_FAILURES):
        lines.append(f"- **{question} / {name}**: {count} submissions")
        lines += ["", "  ```", *("  " + line for line in examples[(question, name)]), "  ```", ""]
    return lines


def _needs_look(results) -> list[str]:
    lines = []
    for result in sorted(results, key=lambda r: (r.student.casefold(), r.file)):
        who = f"{result.student} (`{result.file}`)" if result.file else result.student
        if result.status != "graded":
            lines.append(f"- {who}: {status_text(result)}")
        elif result.limits_hit:
            lines.append(f"- {who}: hit limits ({', '.join(result.limits_hit)}); "
                         f"kept the {result.total:g} points earned" + "".join(f"; {f}" for f in result.flags))
        elif result.flags:
            lines.append(f"- {who}: " + "; ".join(result.flags))
    return lines


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def _plot_distribution(results, question_ids, path: Path) -> Path | None:
    """Box plot of each question's score as a fraction of its maximum (skipped without matplotlib)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    data = []
    for question_id in question_ids:
        fractions = [q.points / q.max_points for r in results for q in r.questions
                     if q.id == question_id and q.max_points]
        data.append(fractions or [0.0])
    figure, axis = plt.subplots(figsize=(max(6, 0.7 * len(question_ids)), 4))
    axis.boxplot(data, showmeans=True)
    axis.set_xticks(range(1, len(question_ids) + 1), question_ids, rotation=45, ha="right")
    axis.set_ylabel("fraction of points")
    axis.set_ylim(-0.05, 1.05)
    axis.set_title(f"Score distribution per question ({len(results)} submissions)")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path
