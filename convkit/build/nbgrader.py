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

One course per language, each a course root of its own: ``autograder/nbgrader/`` (English)
and ``autograder/nbgrader-zh/`` (``conv-layer.zh.ipynb``). A course releases every notebook of
an assignment folder to each student and grades each one, so the two languages cannot share
one; the assignment keeps its id in both, which is how ``ConvkitGrade`` knows what to grade.
The test cells' visible part speaks the notebook's language; its hidden part, for
instructors, stays English.

Building the course needs the graders (for the points), but neither nbgrader nor a kernel.
"""
from __future__ import annotations

import re
import textwrap

from convkit.assignments import Assignment
from convkit.build.check_messages import EXPLAIN, check_nodes
from convkit.build.notebooks import code_cell, languages, markdown_cell, notebook_bytes, notebook_name, question_cells
from convkit.build.sources import QuestionSource
from convkit.build.texts import text
from convkit.languages import DEFAULT, LANGUAGES

COURSE_DIR = "autograder/nbgrader"
HOOK = "# convkit-hook: "
_HOOK_LINE = re.compile(r"^" + re.escape(HOOK) + r"(\S+)\s*$", re.M)
NOT_SCORED = ("not scored: this cell's points come from convkit (ConvkitGrade/ConvkitApply in "
              "nbgrader_config.py), which did not run")


def course_dir(lang: str = DEFAULT) -> str:
    """``autograder/nbgrader`` for English, ``autograder/nbgrader-zh`` for Chinese."""
    return COURSE_DIR if lang == DEFAULT else f"{COURSE_DIR}-{lang}"


COURSE_DIRS = [course_dir(lang) for lang in LANGUAGES]


def source_dir(assignment_id: str, lang: str = DEFAULT) -> str:
    return f"{course_dir(lang)}/source/{assignment_id}"


def hook_question(source: str) -> str | None:
    """The question a test cell's hook names, or None: how ``ConvkitApply`` finds its cells."""
    match = _HOOK_LINE.search(source)
    return match.group(1) if match else None


def _nbgrader(cell: dict, **fields) -> dict:
    cell["metadata"]["nbgrader"] = {"schema_version": 3, "grade_id": cell["id"], **fields}
    return cell


def public_calls(public: str) -> list[str]:
    """``test_x(corr2d, torch)`` for each public check: globals passed by parameter name, as otter does."""
    return [f"{node.name}({', '.join(a.arg for a in node.args.args)})" for node in check_nodes(public)]


def explain_function(messages: dict[str, str]) -> str:
    """The public checks' ``explain``, defined in the test cell with the messages of the cell's language."""
    entries = "".join(f"        {key!r}: {template!r},\n" for key, template in messages.items())
    return (f"def {EXPLAIN}(key, **values):\n    return {{\n{entries}    }}[key].format(**values)\n")


def check_cell(source: QuestionSource, points: float) -> dict:
    """Locked test cell: public checks in the kernel; the hidden part is convkit's hook."""
    qid, lang = source.id, source.lang
    public = source.block("public")
    visible = [text(lang, "nbgrader_public", qid=qid),
               *(f"# {line}" for line in textwrap.wrap(text(lang, "hidden_note"), 96)), "",
               explain_function(source.messages).rstrip(), "", "",
               public.rstrip(), "", "", *public_calls(public),
               f"print({text(lang, 'nbgrader_passed', qid=qid)!r})"]
    hidden = ["### BEGIN HIDDEN TESTS",
              f"{HOOK}{qid}",
              "# nbgrader autograde replaces this cell's output with convkit's report and points for this",
              "# question, graded in convkit's sandbox from the submitted file. Without convkit's",
              "# preprocessors the line below writes to stderr, so nbgrader gives 0, not free points.",
              f"__import__('sys').stderr.write({qid + ': ' + NOT_SCORED!r} + '\\n')",
              "### END HIDDEN TESTS"]
    cell = code_cell(f"{qid}-tests", "\n".join(visible + hidden))
    return _nbgrader(cell, grade=True, solution=False, locked=True, points=points)


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
        cell["source"] = _with_solution(cell, f"{text(source.lang, 'solution_note')}\n{source.block('solution')}")
        return _nbgrader(cell, grade=False, solution=True, locked=False)
    if role == "answer":
        note = text(source.lang, "answer_note", points=f"{source.points:g}")
        cell["source"] = _with_solution(cell, note, gap="\n\n")
        return _nbgrader(cell, grade=True, solution=True, locked=False, points=source.points)
    return _nbgrader(cell, grade=False, solution=False, locked=True)


def nbgrader_cells(assignment: Assignment, sources: list[QuestionSource],
                   points: dict[str, float]) -> list[dict]:
    """The source notebook: every question's cells, marked up (every auto-graded question has public checks,
    so ``question_cells`` gives each one a test cell; ``tests/test_build.py`` holds the sources to that)."""
    by_id = {s.id: s for s in sources}
    cells = []
    for source in sources:
        made = question_cells(source, solved=False, check=lambda qid: check_cell(by_id[qid], points[qid]),
                              prompt="nbgrader_check_prompt")
        cells += [_mark_up(cell, source) for cell in made]
        if source.is_intro:
            note = markdown_cell("nbgrader-note", text(source.lang, "nbgrader_note"))
            cells.append(_nbgrader(note, grade=False, solution=False, locked=True))
    return cells


CONFIG = '''"""nbgrader configuration of the convkit course (written by `convkit build`); run nbgrader here.

Scores come from convkit's isolated grader, never from code run in a student's kernel: ConvkitGrade
grades the submitted notebook through one warm convkit worker per autograde run, as
`convkit check` would (student code runs only in convkit's sandbox), and ConvkitApply writes each question's report and points into its test cell,
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
    """Per language, ``<course>/nbgrader_config.py`` and ``<course>/source/<a>/<a>[.<lang>].ipynb``."""
    from convkit.grading.runner import max_points

    points = max_points(assignment)
    files = {}
    for lang in languages(sources):
        cells = nbgrader_cells(assignment, [source.localised(lang) for source in sources], points)
        files[f"{course_dir(lang)}/nbgrader_config.py"] = CONFIG.encode()
        files[f"{source_dir(assignment.id, lang)}/{notebook_name(assignment, lang)}"] = notebook_bytes(cells, lang)
    return files
