"""Student and solution notebooks (otter format) and their public tests, from the sources.

Output is deterministic (stable cell ids, sorted keys, no execution counts), so a test can
compare a fresh build with the committed files byte for byte.

The notebook's first cell loads ``convkit_student`` (``convkit/student/convkit_student.py``,
shipped beside the notebook), and each public test file imports its ``public_check``: together
they make ``grader.check`` print one short block per question and ``grader.export`` save the
notebook on screen before zipping it. ``%reload_ext`` is IPython syntax, which convkit's own
grading skips; the test files fall back to otter's ``test_case`` when the module is absent
(as in the otter autograder, which reuses them).

One notebook per language (``conv-layer.ipynb``, ``conv-layer.zh.ipynb``), each declaring its
language in ``metadata.convkit.lang``; the public test files serve all of them: they hold the
checks once and their messages in every language, and ``convkit_student`` tells them which
language the notebook being checked is in (English without it).
"""
from __future__ import annotations

import ast
import json

from convkit.assignments import Assignment
from convkit.build.check_messages import EXPLAIN, catalogue_source
from convkit.build.sources import QuestionSource
from convkit.build.texts import text
from convkit.languages import DEFAULT, LANGUAGES, tag

STUDENT_MODULE = "convkit_student"


def notebook_name(assignment: Assignment, lang: str = DEFAULT) -> str:
    """``conv-layer.ipynb``, ``conv-layer.zh.ipynb``."""
    return f"{notebook_stem(assignment, lang)}.ipynb"


def notebook_stem(assignment: Assignment, lang: str = DEFAULT) -> str:
    return f"{assignment.id}{tag(lang)}"


def languages(sources: list[QuestionSource]) -> list[str]:
    """The languages every source of an assignment is written in (English, and each complete translation)."""
    return [lang for lang in LANGUAGES if all(lang == s.lang or lang in s.translations for s in sources)]


def markdown_cell(cell_id: str, text_: str, **metadata) -> dict:
    return {"cell_type": "markdown", "id": cell_id, "metadata": metadata, "source": _lines(text_)}


def code_cell(cell_id: str, text_: str, **metadata) -> dict:
    return {"cell_type": "code", "execution_count": None, "id": cell_id, "metadata": metadata,
            "outputs": [], "source": _lines(text_)}


def _lines(text_: str) -> list[str]:
    lines = text_.rstrip("\n").splitlines(True)
    return lines


def notebook_bytes(cells: list[dict], lang: str = DEFAULT) -> bytes:
    """The notebook file; ``metadata.convkit.lang`` says its language to ``grader.check`` and the graders."""
    notebook = {
        "cells": cells,
        "metadata": {
            "convkit": {"lang": lang},
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return (json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


def otter_cells(assignment: Assignment, sources: list[QuestionSource], solved) -> list[dict]:
    """The notebook: otter init, intro, then per question prose, setup, code and check.

    ``sources`` are in the notebook's language (:meth:`QuestionSource.localised`). ``solved`` is a
    bool, or a set of the question ids whose solution replaces the stub.
    """
    lang = sources[0].lang
    name = notebook_name(assignment, lang)
    cells = [code_cell("otter-init", f'{text(lang, "init_comment")}\n%reload_ext {STUDENT_MODULE}\nimport otter\n'
                                     f'grader = otter.Notebook("{name}")')]
    for source in sources:
        solve = source.id in solved if isinstance(solved, (set, frozenset)) else bool(solved)
        cells += question_cells(source, solve, check=lambda qid: code_cell(f"{qid}-check", f'grader.check("{qid}")'))
    cells.append(markdown_cell("submit-text", text(lang, "submit", stem=notebook_stem(assignment, lang))))
    cells.append(code_cell("submit", "grader.export(pdf=False, run_tests=True, force_save=True)"))
    return cells


def question_cells(source: QuestionSource, solved: bool, check, prompt: str = "check_prompt") -> list[dict]:
    """Cells of one question; ``check(qid)`` makes the check cell (otter or nbgrader style), ``prompt`` is
    the key of the text that points to it."""
    qid = source.id
    if source.is_intro:
        return [markdown_cell("intro", source.prose), code_cell("intro-setup", source.block("setup"))]
    prose = source.prose
    if not source.manual and source.block("public"):
        note = text(source.lang, prompt, qid=qid) + text(source.lang, "sentence_gap") + text(source.lang, "hidden_note")
        prose = prose.rstrip() + f"\n\n*{note}*\n"
    cells = [markdown_cell(f"{qid}-prompt", prose)]
    if source.manual:
        return cells + [markdown_cell(f"{qid}-answer", source.block("answer"))]
    if source.block("setup"):
        cells.append(code_cell(f"{qid}-setup", source.block("setup")))
    cells.append(code_cell(f"{qid}-code", source.block("solution" if solved else "stub")))
    if source.block("public"):
        cells.append(check(qid))
    return cells


TEST_FILE_HEADER = '''"""Public checks for {qid} (generated from {source} and its translations by `convkit build`): grader.check("{qid}") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from {module} import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "{default}"

name = {qid!r}
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
'''

EXPLAIN_FUNCTION = f'''

def {EXPLAIN}(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)
'''


def public_test_file(source: QuestionSource) -> bytes:
    """otter's Python test format; each ``test_*`` function of the public block is one case, named by its
    message (``explain("test_keeps_float64")``) in the notebook's language."""
    body = source.block("public")
    lines = body.splitlines()
    for node in sorted(ast.parse(body).body, key=lambda n: n.lineno, reverse=True):
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            lines.insert(node.lineno - 1, f"@test_case(name={EXPLAIN}({node.name!r}), points=None, hidden=False)")
    header = TEST_FILE_HEADER.format(qid=source.id, source=source.path.name, module=STUDENT_MODULE, default=DEFAULT)
    messages = catalogue_source(source.catalogue) + EXPLAIN_FUNCTION
    return (header + messages + "\n\n" + "\n".join(lines).rstrip() + "\n").encode()


def generate(assignment: Assignment, sources: list[QuestionSource]) -> dict[str, bytes]:
    """assignments/<a>/ (student notebooks + public tests) and solutions/<a>/ (solved notebooks + tests):
    one notebook per language, one test file per question for all of them."""
    files = {}
    for lang in languages(sources):
        local = [source.localised(lang) for source in sources]
        name = notebook_name(assignment, lang)
        for folder, solved in (("assignments", False), ("solutions", True)):
            files[f"{folder}/{assignment.id}/{name}"] = notebook_bytes(otter_cells(assignment, local, solved), lang)
    tests = {f"tests/{s.id}.py": public_test_file(s) for s in sources
             if not s.is_intro and not s.manual and s.block("public")}
    for path, content in tests.items():
        files[f"assignments/{assignment.id}/{path}"] = content
        files[f"solutions/{assignment.id}/{path}"] = content
    return files
