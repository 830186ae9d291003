"""nbgrader configuration of the convkit course (written by `convkit build`); run nbgrader here.

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
