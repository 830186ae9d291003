"""Student and solution notebooks (otter format) and their public tests, from the sources.

Output is deterministic (stable cell ids, sorted keys, no execution counts), so a test can
compare a fresh build with the committed files byte for byte.
"""
from __future__ import annotations

import json

from convkit.assignments import Assignment
from convkit.build.sources import QuestionSource

HIDDEN_NOTE = ("Only the public checks run here. More tests (random shapes, other dtypes, the `meta` "
               "device, ...) run when your notebook is graded; `convkit check` runs them all now.")
CHECK_MESSAGE = "Public checks passed. " + HIDDEN_NOTE.split(". ", 1)[1]


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
    cells = [code_cell("otter-init", f'# Initialize Otter\nimport otter\ngrader = otter.Notebook("{name}")')]
    for source in sources:
        solve = source.id in solved if isinstance(solved, (set, frozenset)) else bool(solved)
        cells += question_cells(source, solve, check=lambda qid: code_cell(f"{qid}-check", f'grader.check("{qid}")'))
    cells.append(markdown_cell("submit-text", "## Submitting\n\nSave the notebook, then run the cell below "
                               "to check everything once more and make the zip file to submit."))
    cells.append(code_cell("submit", "grader.export(pdf=False, run_tests=True)"))
    return cells


def question_cells(source: QuestionSource, solved: bool, check) -> list[dict]:
    """Cells of one question; ``check(qid)`` makes the check cell (otter or nbgrader style)."""
    qid = source.id
    if source.is_intro:
        return [markdown_cell("intro", source.prose), code_cell("intro-setup", source.block("setup"))]
    prose = source.prose
    if not source.manual and source.block("public"):
        prose = prose.rstrip() + f"\n\n*Check your work with `grader.check(\"{qid}\")`. {HIDDEN_NOTE}*\n"
    cells = [markdown_cell(f"{qid}-prompt", prose)]
    if source.manual:
        return cells + [markdown_cell(f"{qid}-answer", source.block("answer"))]
    if source.block("setup"):
        cells.append(code_cell(f"{qid}-setup", source.block("setup")))
    cells.append(code_cell(f"{qid}-code", source.block("solution" if solved else "stub")))
    if source.block("public"):
        cells.append(check(qid))
    return cells


def public_test_file(source: QuestionSource) -> bytes:
    """otter's Python test format; each ``test_*`` function of the public block is one case."""
    body = source.block("public")
    decorator = (f"@test_case(points=None, hidden=False,\n"
                 f"           success_message={CHECK_MESSAGE!r},\n"
                 f"           failure_message={HIDDEN_NOTE!r})\n")
    lines = []
    for line in body.splitlines():
        if line.startswith("def test_"):
            lines.append(decorator.rstrip("\n"))
        lines.append(line)
    text = (f'"""Public checks for {source.id} (generated from {source.path.name} by `convkit build`)."""\n'
            f"OK_FORMAT = False\n\nfrom otter.test_files import test_case\n\nname = {source.id!r}\npoints = None\n\n\n"
            + "\n".join(lines).rstrip() + "\n")
    return text.encode()


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
