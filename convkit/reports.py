"""What a batch leaves for the TA: grades CSV, per-student feedback, and a one-page report.

``OUT/final_grades.csv``      otter's layout with the student first, one row per student, a
                              "by hand" column per question graded by hand
``OUT/results/<name>.json``   every test's outcome (written by the batch as it goes)
``OUT/feedback/<name>.md``    feedback to hand back to each student
``OUT/report.md``             what needs a look (grader errors, cells that failed, limits,
                              written answers to grade...), the questions' scores, the
                              mistakes students made, grouped by question and counted, every
                              file not graded with its reason, missing roster students,
                              submissions not on the roster
``OUT/scores.png``            totals as a histogram and each question's mean, in one figure
``OUT/<platform>_grades.csv`` with ``--export`` (see :mod:`convkit.exports`)

``<name>`` is the student's id made safe as a file name (see :func:`convkit.intake.safe_name`).
Every text comes from the message catalogue (:mod:`convkit.messages`); every file is 0644.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from convkit.assignments import Assignment
from convkit.exports import write_exports
from convkit.feedback import columns, padded, render_markdown
from convkit.grading.findings import findings, points_text
from convkit.grading.results import (SubmissionResult, csv_text, isolation_texts, limits_text, status_text,
                                     write_atomically)
from convkit.intake import MISSING, NOT_ON_ROSTER, safe_name
from convkit.languages import DEFAULT
from convkit.messages import joined, message, render, say
from convkit.submission import error_message, label_message

#: Students named in one line of the report before "and N more".
NAMES_SHOWN = 8


def write_outputs(results: list[SubmissionResult], assignment: Assignment, output: Path, keys=None,
                  not_graded=(), exports=(), canvas_assignment: str | None = None,
                  language: str | None = None) -> dict[str, Path]:
    """Write every report; ``keys`` name each result's feedback file (as its results/ file). Returns paths by kind.

    ``language`` forces one language on everything; without it each student's feedback is in the
    language of that student's notebook (``SubmissionResult.lang``) and the report in English. The
    grade sheet and the platform exports are data, read by programs: their columns never change."""
    question_ids = [q.id for q in assignment.auto_questions]
    manual = {q.id: q.points for q in assignment.questions if q.manual}
    keys = keys or [safe_name(r.student or Path(r.file).stem) for r in results]
    written = {"csv": output / "final_grades.csv", "report": output / "report.md"}
    write_atomically(written["csv"], csv_text(results, question_ids, manual))
    for key, result in zip(keys, results):
        write_atomically(output / "feedback" / f"{key}.md", render_markdown(result, language or result.lang))
    submitted = [r for r in results if r.status != MISSING]
    plot = _plot(submitted, question_ids, output / "scores.png", assignment, language or DEFAULT)
    if plot:
        written["plot"] = plot
    write_atomically(written["report"], summary_markdown(results, assignment, plot, not_graded, language or DEFAULT))
    written.update(write_exports(results, exports, output, canvas_assignment or assignment.id))
    return written


def counts_line(results: list[SubmissionResult], language: str = DEFAULT) -> str:
    """``5 students: 3 graded, 1 could not be graded, 1 missing``."""
    missing = sum(r.status == MISSING for r in results)
    graded = sum(r.status == "graded" for r in results)
    parts = [say("report.count.graded", language, count=graded)]
    if len(results) - graded - missing:
        parts.append(say("report.count.not_graded", language, count=len(results) - graded - missing))
    if missing:
        parts.append(say("report.count.missing", language, count=missing))
    key = "report.count.students_one" if len(results) == 1 else "report.count.students"
    return say(key, language, count=len(results), parts=joined("join.list", parts, language))


def terminal_summary(results, not_graded, with_roster: bool, language: str = DEFAULT) -> str:
    """The table a TA reads first in the terminal: one line per student, then everything that is not a grade."""
    width = min(max([columns(r.student) for r in results] + [columns(say("summary.student", language))]), 32)
    file_width = min(max([columns(r.file) for r in results] + [4]), 56)
    lines = [f"{padded(say('summary.student', language), width)}  {padded(say('summary.file', language), file_width)}  "
             f"{say('summary.points', language):>17}"]
    for result in results:
        status = status_text(result, language)
        flag = "" if status == say("status.graded", language) else f"  [{status}]"
        lines.append(f"{padded(result.student, width)}  {padded(result.file or '-', file_width)}  "
                     f"{result.total:>7g} / {result.possible:<7g}{flag}".rstrip())
    lines += ["", say("summary.not_graded", language, count=len(not_graded)) if not_graded else
              say("summary.not_graded_none", language)]
    lines += _collapsed(not_graded, language)
    if with_roster:
        missing = [r.student for r in results if r.status == MISSING]
        strangers = [r.student for r in results if any(f.startswith(NOT_ON_ROSTER) for f in r.flags)]
        lines.append(say("summary.missing", language, count=len(missing), students=", ".join(missing)) if missing
                     else say("summary.missing_none", language))
        lines.append(say("summary.strangers", language, count=len(strangers), students=", ".join(strangers))
                     if strangers else say("summary.strangers_none", language))
    return "\n".join(lines)


#: More files than this with one reason are shown as a few examples and a count (report.md lists all).
COLLAPSE_OVER = 8


def _collapsed(not_graded, language: str) -> list[str]:
    """One line per file, in path order; a reason shared by many files shows three and a count."""
    from collections import Counter

    totals, shown, lines = Counter(item.reason for item in not_graded), Counter(), []
    for item in not_graded:
        shown[item.reason] += 1
        if totals[item.reason] <= COLLAPSE_OVER or shown[item.reason] <= 3:
            lines.append(f"  {item.path}: {item.reason}")
        if totals[item.reason] > COLLAPSE_OVER and shown[item.reason] == 3:
            lines.append("  " + say("summary.more", language, count=totals[item.reason] - 3, reason=item.reason))
    return lines


def summary_markdown(results: list[SubmissionResult], assignment: Assignment, plot: Path | None,
                     not_graded=(), language: str = DEFAULT) -> str:
    submitted = [r for r in results if r.status != MISSING]
    lines = [f"# {assignment.id}: {assignment.title_in(language)}", "",
             say("report.headline", language, counts=counts_line(results, language), mean=f"{_mean([r.percent for r in submitted]):.1f}"),
             ""]
    if plot:
        lines += [f"![{say('report.figure_alt', language)}]({plot.name})", ""]
    lines += ["## " + say("report.section.needs_look", language), ""]
    lines += needs_look(results, assignment, language) or [say("report.nothing_to_look_at", language)]
    lines += ["", "## " + say("report.section.questions", language), ""] + _question_table(submitted, assignment, language)
    lines += ["", "## " + say("report.section.mistakes", language), "", say("report.mistakes_intro", language), ""]
    lines += mistakes_by_question(submitted, assignment, language) or [say("report.no_mistakes", language)]
    lines += ["", "## " + say("report.section.not_graded", language), ""]
    lines += [f"- `{item.path}`: {item.reason}" for item in not_graded] or [say("report.every_file_graded", language)]
    missing = [r for r in results if r.status == MISSING]
    if missing:
        lines += ["", "## " + say("report.section.missing", language), "", *[f"- {r.student}" for r in missing]]
    strangers = [r for r in results if any(f.startswith(NOT_ON_ROSTER) for f in r.flags)]
    if strangers:
        lines += ["", "## " + say("report.section.not_on_roster", language), "",
                  *[f"- {r.student} (`{r.file or say('report.nothing_graded', language)}`)" for r in strangers]]
    lines += ["", "## " + say("report.section.isolation", language), ""] + _isolation(results, language)
    return "\n".join(lines) + "\n"


def _question_table(submitted, assignment: Assignment, language: str = DEFAULT) -> list[str]:
    columns = [say(f"report.column.{name}", language) for name in
               ("question", "max", "mean", "full_marks", "partly", "zero", "not_attempted")]
    lines = ["| " + " | ".join(columns) + " |", "|---|" + "---:|" * (len(columns) - 1)]
    for question in assignment.auto_questions:
        rows = [q for r in submitted if r.status == "graded" for q in r.questions if q.id == question.id]
        if not rows:
            continue
        count = {status: sum(q.status == status for q in rows) for status in ("passed", "partial", "failed",
                                                                               "not attempted")}
        lines.append(f"| {question.id} | {points_text(rows[0].max_points)} | {_mean([q.points for q in rows]):.2f} | "
                     f"{count['passed']} | {count['partial']} | {count['failed']} | {count['not attempted']} |")
    for question in assignment.questions:
        if question.manual:
            lines.append(f"| {question.id} | {points_text(question.points)} | {say('report.by_hand_row', language)} | | | | |")
    return lines


# ------------------------------------------------------------------ mistakes, grouped and counted
@dataclass
class MistakeGroup:
    """Students whose feedback for one question names one mistake (or shows one kind of failure)."""

    label: str
    named: bool
    students: list = field(default_factory=list)
    example: list = field(default_factory=list)
    lost: float = 0.0


def mistakes_by_question(results, assignment: Assignment, language: str = DEFAULT) -> list[str]:
    """For each question, its students' findings grouped by the mistake they name (or by what
    failed, where no known mistake matched), most frequent first, each with one example."""
    lines = []
    for question in assignment.auto_questions:
        groups: dict[str, MistakeGroup] = {}
        for result in results:
            if result.status != "graded":
                continue
            for found in (f for q in result.questions if q.id == question.id for f in findings(q)):
                group = groups.get(found.key)
                if group is None:  # its label is rendered once, for the first student with the finding
                    group = groups[found.key] = MistakeGroup(_group_label(found, language), found.named_mistake)
                who = result.student or result.file
                if who not in group.students:
                    group.students.append(who)
                group.lost += found.lost
                group.example = group.example or found.lines(language)[:4]
        if not groups:
            continue
        lines += [f"### {question.id}", ""]
        for group in sorted(groups.values(), key=lambda g: (-len(g.students), g.label)):
            names = ", ".join(group.students[:NAMES_SHOWN])
            if len(group.students) > NAMES_SHOWN:
                names += ", " + say("report.and_more", language, count=len(group.students) - NAMES_SHOWN)
            kind = say("report.kind.mistake", language) if group.named else say("report.kind.rule", language)
            students = say("report.students_one", language) if len(group.students) == 1 else \
                say("report.students", language, count=len(group.students))
            lines.append(say("report.mistake_line", language, label=group.label, kind=kind, students=students,
                             names=names, lost=points_text(group.lost / len(group.students))))
            lines += ["", "  ```", *("  " + line for line in group.example), "  ```", ""]
    return lines


def _group_label(found, language: str = DEFAULT) -> str:
    """The group's title: the mistake or hint named, or what went wrong for a run problem."""
    if found.kind in ("not_implemented", "not_defined", "timeout", "skipped", "crash", "memory", "grader_error",
                      "not_attempted"):
        return say(f"report.run.{found.kind}", language, function=found.example.function or "?")
    if found.hint is not None and found.hint != "":
        return render(found.hint, language)
    return say("report.failed_without_hint", language, kind=found.kind)


# ------------------------------------------------------------------ needs a look
def needs_look(results, assignment: Assignment, language: str = DEFAULT) -> list[str]:
    """Everything a TA should open: grader errors, rows not graded, cells that failed (syntax
    errors included), limits hit, flags, and the written answers waiting to be graded."""
    rows = sorted(results, key=lambda r: (r.student.casefold(), r.file))
    lines = []

    def who(result) -> str:
        return f"{result.student} (`{result.file}`)" if result.file else result.student

    errors = [(result, test) for result in rows for q in result.questions for test in q.tests
              if test.detail.get("kind") == "grader_error"]
    if errors:
        lines.append("- " + say("report.look.grader_errors", language, count=len({id(r) for r, _ in errors})))
        seen = set()
        for result, test in errors:
            if (result.student, test.question) not in seen:
                seen.add((result.student, test.question))
                lines.append("  - " + say("report.look.grader_error", language, who=who(result), question=test.question,
                                          test=test.name))
    for result in rows:
        if result.status not in ("graded", MISSING):
            lines.append("- " + say("report.look.not_graded", language, who=who(result), status=status_text(result, language)))
    for result in rows:
        for cell in result.cells:
            key = "report.look.syntax_error" if str(cell.get("error", "")).startswith("SyntaxError") else \
                {"timeout": "report.look.cell_timeout", "crashed": "report.look.cell_crashed"}.get(
                    cell.get("status"), "report.look.cell_error")
            lines.append("- " + say(key, language, who=who(result), cell=label_message(cell.get("label")),
                                    error=error_message(cell.get("error"))))
    for result in rows:
        if result.status == "graded" and result.limits_hit:
            lines.append("- " + say("report.look.limits", language, who=who(result), limits=limits_text(result.limits_hit, language),
                                    points=points_text(result.total)))
        if result.flags and result.status != MISSING:
            lines.append("- " + say("report.look.flags", language, who=who(result), flags="; ".join(result.flags)))
    for question in (q for q in assignment.questions if q.manual):
        waiting = [r for r in rows if r.written.get(question.id) == "answered"]
        lost = [r for r in rows if r.written.get(question.id) == "not found"]
        blank = [r for r in rows if r.written.get(question.id) in ("placeholder", "no notebook")]
        if waiting or lost:
            lines.append("- " + say("report.look.to_grade", language, question=question.id, points=points_text(question.points),
                                    count=len(waiting), names=", ".join(r.student for r in waiting) or "-",
                                    blank=len(blank)))
        for result in lost:
            lines.append("- " + say("report.look.no_answer_cell", language, who=who(result), question=question.id))
    return lines


def _isolation(results, language: str = DEFAULT) -> list[str]:
    """How the submissions were sandboxed, and every weakness, so a weaker run is never mistaken for a safe one."""
    described = {json.dumps(r.isolation, sort_keys=True): r.isolation for r in results if r.isolation}
    if not described:
        return [say("report.no_isolation", language)]
    lines = []
    for isolation in described.values():
        lines.append(say("report.isolation_mode", language, mode=isolation.get("mode"),
                         protections=joined("join.clauses", isolation_texts(isolation, "protections", language),
                                            language)))
        lines += ["- " + say("report.isolation_weaker", language, weakness=weakness)
                  for weakness in isolation_texts(isolation, "weaknesses", language)]
    return lines


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


# ------------------------------------------------------------------ the figure
def _plot(results, question_ids, path: Path, assignment: Assignment, language: str = DEFAULT) -> Path | None:
    """One figure, two panels: a histogram of the totals (percent of the automatic points) and
    each question's mean score as a fraction of its maximum (skipped without matplotlib)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    font = _font_for(language)
    if font is None:  # no font here can draw this language: the figure's few words stay English
        language = DEFAULT
    with plt.rc_context({"font.sans-serif": [font, *plt.rcParams["font.sans-serif"]]} if font else {}):
        return _draw(plt, results, question_ids, path, assignment, language)


def _draw(plt, results, question_ids, path: Path, assignment: Assignment, language: str) -> Path:
    """The figure itself (see :func:`_plot`), its words in ``language``."""
    graded = [r for r in results if r.status == "graded"]
    totals = [r.percent for r in graded]
    means = []
    for question_id in question_ids:
        fractions = [q.points / q.max_points for r in graded for q in r.questions if q.id == question_id and q.max_points]
        means.append(_mean(fractions))
    figure, (left, right) = plt.subplots(1, 2, figsize=(13, 5), gridspec_kw={"width_ratios": [1, 1.6]})
    left.hist(totals, bins=[10 * i for i in range(11)], color="#4C72B0", edgecolor="white")
    left.set_xlim(0, 100)
    left.set_xlabel(say("report.plot.total_axis", language))
    left.set_ylabel(say("report.plot.students_axis", language))
    left.set_title(say("report.plot.total_title", language, count=len(graded), mean=f"{_mean(totals):.1f}"))
    left.yaxis.get_major_locator().set_params(integer=True)
    positions = range(len(question_ids))
    bars = right.bar(positions, [100 * m for m in means], color="#55A868")
    right.bar_label(bars, labels=[f"{100 * m:.0f}" for m in means], padding=2, fontsize=8)
    right.set_xticks(list(positions), question_ids, rotation=40, ha="right", fontsize=9)
    right.set_ylim(0, 110)
    right.set_ylabel(say("report.plot.mean_axis", language))
    right.set_title(say("report.plot.mean_title", language))
    figure.suptitle(f"{assignment.id}: {assignment.title_in(language)}")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)
    plt.close(figure)
    path.chmod(0o644)
    return path


#: Fonts that draw Chinese, by the files Debian's and most distributions' packages install.
CJK_FONT_FILES = ("wqy-microhei", "wqy-zenhei", "NotoSansCJK", "NotoSerifCJK", "SourceHanSans", "DroidSansFallback")


def _font_for(language: str) -> str | None:
    """The font family the figure needs for ``language``: '' for the default one (English), a
    family found on this machine (Chinese), None when none is installed."""
    if language == DEFAULT:
        return ""
    from matplotlib import font_manager

    for path in font_manager.findSystemFonts():
        if any(name.lower() in Path(path).name.lower() for name in CJK_FONT_FILES):
            try:
                font_manager.fontManager.addfont(path)
                return font_manager.FontProperties(fname=path).get_name()
            except (OSError, RuntimeError, ValueError):
                continue
    return None
