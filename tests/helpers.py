"""What several of the kit's test modules share: where the test data lives, notebooks built in code,
Jupyter folders of a test's own, and Canvas's header rule."""
from __future__ import annotations

import os
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
KIT_ROOT = TESTS.parent
#: Wrong and valid implementations of every question (see its README).
CATALOGUE = TESTS / "data" / "catalogue"
#: Submissions that attack the grader (see its README).
HOSTILE = TESTS / "data" / "hostile"


def notebook(cells, version=4) -> dict:
    """A notebook (nbformat 4, or 3 with ``version=3``) whose code cells hold ``cells``."""
    if version == 3:
        return {"nbformat": 3, "worksheets": [{"cells": [{"cell_type": "code", "input": c} for c in cells]}]}
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
            "cells": [{"cell_type": "code", "source": c, "metadata": {}, "outputs": []} for c in cells]}


def jupyter_env(home: Path, **extra) -> dict:
    """This environment with the venv first on PATH (nbgrader runs `alembic` from it), ``extra``,
    and Jupyter's and IPython's folders under ``home``, so no test reads or writes the user's."""
    env = dict(os.environ,
               PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]), **extra)
    for name in ("IPYTHONDIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
        (home / name.lower()).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / name.lower())
    return env


def canvas_header_accepted(header: list[str]) -> bool:
    """Canvas's gradebook importer's header check (app/models/gradebook_importer.rb, header?)."""
    if not (len(header) > 3 and "Student" in header[0] and "ID" in header[1]):
        return False
    columns = 3
    if header[2] == "SIS Login ID":
        columns += 1
    elif header[2] == "SIS User ID" and header[3] == "SIS Login ID":
        columns += 2
    return "Section" in header[columns - 1]


def textbook_code(assignment_id: str, question_id: str) -> str:
    """d2l's code for a question as the book prints it: its source's ``textbook`` block."""
    from convkit.build.sources import QUESTIONS_DIR, read_assignment

    _, sources = read_assignment(QUESTIONS_DIR / assignment_id)
    return next(s.block("textbook") for s in sources if s.id == question_id)


def student_messages() -> dict[str, dict[str, str]]:
    """``convkit_student.MESSAGES``, read from its source: importing the module would patch otter in the
    test process."""
    import ast

    tree = ast.parse((KIT_ROOT / "convkit" / "student" / "convkit_student.py").read_text(encoding="utf-8"))
    node = next(n for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "MESSAGES")
    return ast.literal_eval(node.value)


def say(lang: str, key: str, **values) -> str:
    """What ``convkit_student`` prints for ``key`` in a notebook in ``lang``."""
    return student_messages()[lang][key].format(**values)


def english_leaks(text: str) -> list[str]:
    """The English catalogue's own words found in ``text``: each template's fixed text (placeholders
    removed) of two words or more that no Chinese template also contains (code such as
    ``dtype=X.dtype`` is in both). Feedback rendered in Chinese must have none."""
    import re
    import string

    from convkit.messages import catalogue

    chinese = "\n".join(catalogue("zh").values())
    fragments = set()
    for template in catalogue("en").values():
        for literal, _, _, _ in string.Formatter().parse(template):
            fragment = " ".join(literal.split()).strip(" :;,.()")
            if len(fragment.split()) >= 2 and fragment not in chinese:
                fragments.add(fragment)
    return sorted(fragment for fragment in fragments
                  if re.search(rf"(?<![\w.]){re.escape(fragment)}(?![\w])", text))
