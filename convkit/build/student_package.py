"""What a TA hands out, per assignment: the folder ``assignments/<assignment>/``.

Besides the notebook and its public tests (:mod:`convkit.build.notebooks`) it holds
``convkit_student.py`` (short check reports, an export that saves first), a
``requirements-student.txt`` with only what the notebook needs (JupyterLab, otter, torch;
no nbgrader, whose JupyterLab extension would show students instructor tools) and a
``README.md`` telling students how to install, open, check, export and submit. The solution
notebook in ``solutions/<assignment>/`` loads ``convkit_student`` too, so it gets a copy.
"""
from __future__ import annotations

from convkit.assignments import Assignment
from convkit.build.notebooks import STUDENT_MODULE, notebook_name
from convkit.build.pins import TORCH_CPU_INDEX, pinned
from convkit.build.sources import QuestionSource
from convkit.paths import KIT_ROOT

STUDENT_MODULE_SOURCE = KIT_ROOT / "convkit" / "student" / f"{STUDENT_MODULE}.py"
#: The student's environment: what the notebook imports or runs in, and nothing for instructors.
STUDENT_PACKAGES = ("jupyterlab", "otter-grader", "torch")

REQUIREMENTS = """\
# What {notebook} needs (written by `convkit build`): python -m pip install -r requirements-student.txt
# Without an NVIDIA GPU, install PyTorch's much smaller CPU build first:
#   python -m pip install {torch} --index-url {cpu_index}
{pins}
"""

README = """\
# {title}: getting started

Keep these files together in one folder:

| file | what it is |
|---|---|
| `{notebook}` | the assignment: read it, write your code in it, check it, export it |
| `tests/` | the public checks that `grader.check` runs |
| `{module}.py` | keeps the checks' reports short, and makes the export save what you see |
| `requirements-student.txt` | what to install |

## 1. Install (once)

You need Python 3.10 or newer. In this folder:

```bash
python3 -m venv .venv
source .venv/bin/activate        # Windows: .venv\\Scripts\\activate
python -m pip install {torch} --index-url {cpu_index}   # no NVIDIA GPU: a smaller download
python -m pip install -r requirements-student.txt
```

## 2. Open

```bash
jupyter lab {notebook}
```

Run all cells once (Run ▸ Run All Cells). Each `grader.check` cell then says that its question
is not attempted yet.

## 3. Write and check

For each question, replace `# YOUR CODE HERE` and the `raise NotImplementedError` line of the
stub with your code, run the cell, then run the `grader.check("…")` cell below it. It runs the
public checks and prints one short report: passed, or which checks failed and why. Hidden tests
(other shapes, dtypes and devices) also run when your notebook is graded, so passing the public
checks does not guarantee full marks.

## 4. Export

Run the last cell, `grader.export(...)`. It saves the notebook, runs the saved copy again from
the top in a fresh kernel (one line per question), and writes
`{stem}_<date and time>.zip` beside the notebook. If it says "Not exported", do what it says
and run the cell again.

## 5. Submit

Submit the newest zip file, as your course tells you. Do not rename the notebook: grading looks
for `{notebook}`.
"""


def requirements(assignment: Assignment) -> str:
    pins = pinned(*STUDENT_PACKAGES)
    return REQUIREMENTS.format(notebook=notebook_name(assignment), torch=pins["torch"], cpu_index=TORCH_CPU_INDEX,
                               pins="\n".join(pins[name] for name in STUDENT_PACKAGES))


def readme(assignment: Assignment) -> str:
    return README.format(title=assignment.title, notebook=notebook_name(assignment), module=STUDENT_MODULE,
                         stem=assignment.id, torch=pinned("torch")["torch"], cpu_index=TORCH_CPU_INDEX)


def generate(assignment: Assignment, sources: list[QuestionSource]) -> dict[str, bytes]:
    module = STUDENT_MODULE_SOURCE.read_bytes()
    return {f"assignments/{assignment.id}/{STUDENT_MODULE}.py": module,
            f"assignments/{assignment.id}/requirements-student.txt": requirements(assignment).encode(),
            f"assignments/{assignment.id}/README.md": readme(assignment).encode(),
            f"solutions/{assignment.id}/{STUDENT_MODULE}.py": module}
