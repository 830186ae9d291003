"""Student and solution notebooks (otter format) and their public tests, from the sources.

Output is deterministic (stable cell ids, sorted keys, no execution counts), so a test can
compare a fresh build with the committed files byte for byte.

The notebook's first cell loads ``convkit_student`` (``convkit/student/convkit_student.py``,
shipped beside the notebook), and each public test file imports its ``public_check``: together
they make ``grader.check`` print one short block per question and ``grader.export`` save the
notebook on screen before zipping it. ``%reload_ext`` is IPython syntax, which convkit's own
grading skips; the test files fall back to otter's ``test_case`` when the module is absent
(as in the otter autograder, which reuses them).
"""
from __future__ import annotations

import ast
import json

from convkit.assignments import Assignment
from convkit.build.sources import QuestionSource

#: Every sentence of the notebooks that is not in a question source.
TEXT = {
    "hidden_note": "Only the public checks run here. More tests (random shapes, other dtypes, the `meta` device, "
                   "...) run when your notebook is graded.",
    "check_passed": "Public checks passed. More tests (random shapes, other dtypes, the meta device, ...) run "
                    "when your notebook is graded.",  # printed as plain text: no Markdown
    "check_prompt": 'Check your work with `grader.check("{qid}")`.',
    "init_comment": "# Initialize Otter. convkit_student (the file beside this notebook) keeps grader.check's\n"
                    "# reports short and makes grader.export save the notebook before zipping it.",
    "submit": "## Submitting\n\nRun the cell below. It saves the notebook, runs the saved copy again from the top "
              "to check it, and writes the zip file to submit, `{stem}_<date and time>.zip`, beside the notebook. "
              "Submit that zip file as your course tells you.",
}
HIDDEN_NOTE = TEXT["hidden_note"]
CHECK_MESSAGE = TEXT["check_passed"]
STUDENT_MODULE = "convkit_student"


def notebook_name(assignment: Assignment) -> str:
    return f"{assignment.id}.ipynb"


def markdown_cell(cell_id: str, text: str, **metadata) -> dict:
    return {"cell_type": "markdown", "id": cell_id, "metadata": metadata, "source": _lines(text)}


def code_cell(cell_id: str, text: str, **metadata) -> dict:
    return {"cell_type": "code", "execution_count": None, "id": cell_id, "metadata": metadata,
            "outputs": [], "source": _lines(text)}


def _lines(text: str) -> list[str]:
    lines = text.rstrip("\n").splitlines(True)
    return lines


def notebook_bytes(cells: list[dict]) -> bytes:
    notebook = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return (json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


def otter_cells(assignment: Assignment, sources: list[QuestionSource], solved) -> list[dict]:
    """The notebook: otter init, intro, then per question prose, setup, code and check.

    ``solved`` is a bool, or a set of the question ids whose solution replaces the stub.
    """
    name = notebook_name(assignment)
    cells = [code_cell("otter-init", f'{TEXT["init_comment"]}\n%reload_ext {STUDENT_MODULE}\nimport otter\n'
                                     f'grader = otter.Notebook("{name}")')]
    for source in sources:
        solve = source.id in solved if isinstance(solved, (set, frozenset)) else bool(solved)
        cells += question_cells(source, solve, check=lambda qid: code_cell(f"{qid}-check", f'grader.check("{qid}")'))
    cells.append(markdown_cell("submit-text", TEXT["submit"].format(stem=assignment.id)))
    cells.append(code_cell("submit", "grader.export(pdf=False, run_tests=True, force_save=True)"))
    return cells


def question_cells(source: QuestionSource, solved: bool, check) -> list[dict]:
    """Cells of one question; ``check(qid)`` makes the check cell (otter or nbgrader style)."""
    qid = source.id
    if source.is_intro:
        return [markdown_cell("intro", source.prose), code_cell("intro-setup", source.block("setup"))]
    prose = source.prose
    if not source.manual and source.block("public"):
        prose = prose.rstrip() + f"\n\n*{TEXT['check_prompt'].format(qid=qid)} {HIDDEN_NOTE}*\n"
    cells = [markdown_cell(f"{qid}-prompt", prose)]
    if source.manual:
        return cells + [markdown_cell(f"{qid}-answer", source.block("answer"))]
    if source.block("setup"):
        cells.append(code_cell(f"{qid}-setup", source.block("setup")))
    cells.append(code_cell(f"{qid}-code", source.block("solution" if solved else "stub")))
    if source.block("public"):
        cells.append(check(qid))
    return cells


TEST_FILE_HEADER = '''"""Public checks for {qid} (generated from {source} by `convkit build`): grader.check("{qid}") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from {module} import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = {qid!r}
points = None
'''


def check_name(function_name: str) -> str:
    """What a student reads for a public check: ``test_keeps_float64`` -> ``keeps float64``."""
    return function_name.removeprefix("test_").replace("_", " ")


def public_test_file(source: QuestionSource) -> bytes:
    """otter's Python test format; each ``test_*`` function of the public block is one case."""
    body = source.block("public")
    lines = body.splitlines()
    for node in sorted(ast.parse(body).body, key=lambda n: n.lineno, reverse=True):
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            lines.insert(node.lineno - 1, f"@test_case(name={check_name(node.name)!r}, points=None, hidden=False)")
    header = TEST_FILE_HEADER.format(qid=source.id, source=source.path.name, module=STUDENT_MODULE)
    return (header + "\n\n" + "\n".join(lines).rstrip() + "\n").encode()


def generate(assignment: Assignment, sources: list[QuestionSource]) -> dict[str, bytes]:
    """assignments/<a>/ (student notebook + public tests) and solutions/<a>/ (solved notebook + tests)."""
    name = notebook_name(assignment)
    tests = {f"tests/{s.id}.py": public_test_file(s) for s in sources
             if not s.is_intro and not s.manual and s.block("public")}
    files = {f"assignments/{assignment.id}/{name}": notebook_bytes(otter_cells(assignment, sources, solved=False)),
             f"solutions/{assignment.id}/{name}": notebook_bytes(otter_cells(assignment, sources, solved=True))}
    for path, content in tests.items():
        files[f"assignments/{assignment.id}/{path}"] = content
        files[f"solutions/{assignment.id}/{path}"] = content
    return files
