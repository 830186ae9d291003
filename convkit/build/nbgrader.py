"""The nbgrader course, ``autograder/nbgrader/``: ``nbgrader_config.py`` and one source notebook per assignment.

The source notebooks hold the same cells as the otter notebooks (``notebooks.question_cells``),
marked up with nbgrader's cell metadata instead of otter's ``grader.check`` cells:

- prose and given code are read-only cells;
- each question's code cell is a solution cell: the question's stub, then the solution between
  ``### BEGIN SOLUTION`` and ``### END SOLUTION``. The solution redefines what the stub
  defines, so the source notebook runs; ``ClearSolutions.code_stub`` is empty, so the release
  is exactly the question's stub, as in otter's student notebook. (nbgrader's own stub, a
  ``raise`` where the solution was, cannot stand in for the solution-only top-level helpers
  some questions have: the released cell would raise before defining anything);
- each auto-graded question gets one locked test cell worth the question's points in convkit's
  graders. Its visible part runs the public checks in the student's kernel, as ``grader.check``
  does in otter; its hidden part is the hook ``convkit.nbgrader_plugin.ConvkitApply`` fills with
  convkit's report and score, computed outside the kernel;
- the written question is a manually graded Markdown answer.

Building the course needs the graders (for the points), but neither nbgrader nor a kernel.
"""
from __future__ import annotations

import ast
import re
import textwrap

from convkit.assignments import Assignment
from convkit.build.notebooks import (CHECK_MESSAGE, HIDDEN_NOTE, code_cell, markdown_cell, notebook_bytes,
                                     notebook_name, question_cells)
from convkit.build.sources import QuestionSource

COURSE_DIR = "autograder/nbgrader"
HOOK = "# convkit-hook: "
_HOOK_LINE = re.compile(r"^" + re.escape(HOOK) + r"(\S+)\s*$", re.M)
NBGRADER_NOTE = ("**In this notebook** the checks are the read-only test cells after each question, not "
                 "`grader.check` cells: run them the same way. Your *saved* notebook is what gets graded, so "
                 "save before you submit.")
NOT_SCORED = ("not scored: this cell's points come from convkit (ConvkitGrade/ConvkitApply in "
              "nbgrader_config.py), which did not run")


def source_dir(assignment_id: str) -> str:
    return f"{COURSE_DIR}/source/{assignment_id}"


def hook_question(source: str) -> str | None:
    """The question a test cell's hook names, or None: how ``ConvkitApply`` finds its cells."""
    match = _HOOK_LINE.search(source)
    return match.group(1) if match else None


def _nbgrader(cell: dict, **fields) -> dict:
    cell["metadata"]["nbgrader"] = {"schema_version": 3, "grade_id": cell["id"], **fields}
    return cell


def public_calls(public: str) -> list[str]:
    """``test_x(corr2d, torch)`` for each public check: globals passed by parameter name, as otter does."""
    calls = []
    for node in ast.parse(public).body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            calls.append(f"{node.name}({', '.join(a.arg for a in node.args.args)})")
    return calls


def check_cell(source: QuestionSource, points: float) -> dict:
    """Locked test cell: public checks in the kernel; the hidden part is convkit's hook."""
    qid = source.id
    public = source.block("public")
    visible = [f"# Public checks for {qid}: they run here, in your notebook.",
               *(f"# {line}" for line in textwrap.wrap(HIDDEN_NOTE, 96)), "",
               public.rstrip(), "", "", *public_calls(public),
               f"print({qid + ': ' + CHECK_MESSAGE!r})"]
    hidden = ["### BEGIN HIDDEN TESTS",
              f"{HOOK}{qid}",
              "# nbgrader autograde replaces this cell's output with convkit's report and points for this",
              "# question, graded in convkit's sandbox from the submitted file. Without convkit's",
              "# preprocessors the line below writes to stderr, so nbgrader gives 0, not free points.",
              f"__import__('sys').stderr.write({qid + ': ' + NOT_SCORED!r} + '\\n')",
              "### END HIDDEN TESTS"]
    cell = code_cell(f"{qid}-tests", "\n".join(visible + hidden))
    return _nbgrader(cell, grade=True, solution=False, locked=True, points=points)


SOLUTION_NOTE = "# (instructor's copy: the solution redefines the stub above; the release keeps only the stub)"
ANSWER_NOTE = "*(instructor's copy, removed from the release: graded by hand, {points:g} points.)*"


def _with_solution(cell: dict, solution: str, gap: str = "\n") -> list[str]:
    """The cell's text, then ``solution`` as the region nbgrader's release removes."""
    text = "".join(cell["source"]).rstrip("\n") + gap
    return (text + "### BEGIN SOLUTION\n" + solution.rstrip("\n") + "\n### END SOLUTION").splitlines(True)


def _mark_up(cell: dict, source: QuestionSource) -> dict:
    """nbgrader metadata (and solution regions) for a cell made by ``question_cells``, by its id's role."""
    role = cell["id"].rsplit("-", 1)[-1]
    if role == "tests":
        return cell  # made by check_cell, already marked up
    if role == "code":
        cell["source"] = _with_solution(cell, f"{SOLUTION_NOTE}\n{source.block('solution')}")
        return _nbgrader(cell, grade=False, solution=True, locked=False)
    if role == "answer":
        cell["source"] = _with_solution(cell, ANSWER_NOTE.format(points=source.points), gap="\n\n")
        return _nbgrader(cell, grade=True, solution=True, locked=False, points=source.points)
    if role == "prompt":
        otter_hint = f'Check your work with `grader.check("{source.id}")`'
        cell["source"] = "".join(cell["source"]).replace(otter_hint, "Check your work with the test cell below")
        cell["source"] = cell["source"].splitlines(True)
    return _nbgrader(cell, grade=False, solution=False, locked=True)


def nbgrader_cells(assignment: Assignment, sources: list[QuestionSource],
                   points: dict[str, float]) -> list[dict]:
    """The source notebook: every question's cells, marked up (every auto-graded question has public checks,
    so ``question_cells`` gives each one a test cell; ``tests/test_build.py`` holds the sources to that)."""
    by_id = {s.id: s for s in sources}
    cells = []
    for source in sources:
        made = question_cells(source, solved=False, check=lambda qid: check_cell(by_id[qid], points[qid]))
        cells += [_mark_up(cell, source) for cell in made]
        if source.is_intro:
            cells.append(_nbgrader(markdown_cell("nbgrader-note", NBGRADER_NOTE), grade=False, solution=False,
                                   locked=True))
    return cells


CONFIG = '''"""nbgrader configuration of the convkit course (written by `convkit build`); run nbgrader here.

Scores come from convkit's isolated grader, never from code run in a student's kernel: ConvkitGrade
grades the submitted notebook with `convkit check` in a subprocess (student code runs only in
convkit's sandbox), and ConvkitApply writes each question's report and points into its test cell,
where SaveAutoGrades reads them. Grading with nbgrader therefore gives the same scores as
`convkit grade` on the same files.
"""
import os
import sys

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, ClearHiddenTests, Execute, GetGrades,
                                    IgnorePattern, LimitOutput, SaveAutoGrades)

from convkit.nbgrader_plugin import ConvkitApply, ConvkitGrade

COURSE = os.path.dirname(os.path.abspath(__file__))

# Kernels that nbgrader starts (validate, and autograde if enabled below) inherit this process's
# environment. A warning from correct code would otherwise reach stderr, and any stderr output
# gives a test cell 0. nbgrader also runs `alembic` from PATH: put this Python's bin folder first.
os.environ["PYTHONWARNINGS"] = "ignore"
os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)
c.CourseDirectory.root = COURSE
c.CourseDirectory.course_id = "convkit"

# The release of a solution cell is the question's stub, which the source cell holds before the solution.
c.ClearSolutions.code_stub = {"python": ""}
c.ClearSolutions.text_stub = ""

# Short tracebacks: a failing line is not shown with its (possibly hidden) neighbours.
c.Execute.extra_arguments = ["--HistoryManager.hist_file=:memory:", "--InteractiveShell.xmode=Minimal"]
c.Execute.timeout = 10  # seconds per cell, as `convkit check` allows

# Feedback shows test cells without their hidden part.
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]

# convkit's sandbox must not see the course: solutions in source/, other students' work, the gradebook.
c.ConvkitGrade.hide = [COURSE]

# Running the submission in a Jupyter kernel only adds its outputs to the autograded notebook and
# the feedback: the points come from convkit either way. But that kernel is not sandboxed: the
# student's code runs as you, beside the gradebook (it could write its own manual scores there)
# and the other submissions. Keep it off unless you trust the submissions.
RUN_SUBMISSIONS_IN_KERNEL = False

c.Autograde.autograde_preprocessors = [
    ConvkitGrade,
    *([Execute] if RUN_SUBMISSIONS_IN_KERNEL else []),
    ConvkitApply,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]
'''


def generate(assignment: Assignment, sources: list[QuestionSource]) -> dict[str, bytes]:
    """``autograder/nbgrader/nbgrader_config.py`` and ``autograder/nbgrader/source/<a>/<a>.ipynb``."""
    from convkit.grading.runner import max_points

    cells = nbgrader_cells(assignment, sources, max_points(assignment))
    return {f"{COURSE_DIR}/nbgrader_config.py": CONFIG.encode(),
            f"{source_dir(assignment.id)}/{notebook_name(assignment)}": notebook_bytes(cells)}
