"""Example submissions (``examples/<assignment>/``), made from the same sources as the notebooks.

They are what a TA meets in a real batch: full marks, d2l's textbook code (each question's
``textbook`` block, where it has one: right values, wrong device/dtype), partly done, untouched stubs, a syntax error, a cell that raises, a
cell that never ends, a cheater, a renamed notebook without otter's init cell, reordered
and deleted cells, a notebook saved by an old Jupyter, and a file that is not a notebook.
The README's demo grades them; the end-to-end tests check that convkit, otter and
nbgrader agree on every one.
"""
from __future__ import annotations

import json

from convkit.assignments import Assignment
from convkit.build.notebooks import code_cell, notebook_bytes, otter_cells
from convkit.build.sources import QuestionSource

CHEAT = '''# Make every check pass without solving anything.
import torch
torch.allclose = lambda *args, **kwargs: True
torch.equal = lambda *args, **kwargs: True
torch.Tensor.__eq__ = lambda self, other: torch.tensor(True)
try:
    import otter.test_files.abstract_test as _abstract

    _abstract.TestCase.passed = True
    grader.check = lambda *args, **kwargs: print("All test cases passed!")
except Exception:
    pass
'''


def _replace(cells: list[dict], cell_id: str, source: str) -> None:
    for cell in cells:
        if cell["id"] == cell_id:
            cell["source"] = source.rstrip("\n").splitlines(True)
            return
    raise KeyError(cell_id)


def _insert_after(cells: list[dict], cell_id: str, new: dict) -> None:
    index = next(i for i, cell in enumerate(cells) if cell["id"] == cell_id)
    cells.insert(index + 1, new)


def _question_ids(sources) -> list[str]:
    return [s.id for s in sources if not s.is_intro and not s.manual]


def _old_jupyter(cells: list[dict]) -> bytes:
    """nbformat 4.2 as classic Jupyter saved it: no cell ids, sources as single strings."""
    old = [{k: ("".join(v) if k == "source" else v) for k, v in cell.items() if k != "id"} for cell in cells]
    notebook = {"cells": old, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                          "language": "python"}},
                "nbformat": 4, "nbformat_minor": 2}
    return (json.dumps(notebook, indent=1, sort_keys=True) + "\n").encode()


def variants(assignment: Assignment, sources: list[QuestionSource]) -> dict[str, bytes]:
    """File name -> content for every example of ``assignment``, in the language of ``sources``
    (:meth:`~convkit.build.sources.QuestionSource.localised`; the kit's own examples are English)."""
    ids = _question_ids(sources)
    lang = sources[0].lang
    notebook = lambda cells: notebook_bytes(cells, lang)  # noqa: E731
    first = ids[0]
    full = lambda: otter_cells(assignment, sources, solved=True)  # noqa: E731

    textbook = full()  # d2l's code where the question has it (right values; CPU float32 allocations)
    for source in sources:
        if source.block("textbook"):
            _replace(textbook, f"{source.id}-code", source.block("textbook"))

    syntax = full()
    _replace(syntax, f"{ids[1]}-code", "def broken(:\n    pass\n")

    raising = full()
    _insert_after(raising, f"{first}-code", code_cell("oops", "result = undefined_name + 1  # a cell that raises\n"))

    looping = full()
    _insert_after(looping, f"{first}-code", code_cell("forever", "while True:  # never ends\n    pass\n"))

    cheater = otter_cells(assignment, sources, solved=False)
    _insert_after(cheater, "otter-init", code_cell("cheat", CHEAT))

    renamed = [c for c in full() if c["id"] != "otter-init"]
    code = [c for c in full() if c["cell_type"] == "code"]  # markdown deleted, questions in reverse
    reordered = code[:2] + code[2:][::-1]

    examples = {
        "full_marks.ipynb": notebook(full()),
        **({"textbook_device_dtype.ipynb": notebook(textbook)} if textbook != full() else {}),
        "partly_done.ipynb": notebook(otter_cells(assignment, sources, solved=set(ids[: len(ids) // 2]))),
        "stubs_only.ipynb": notebook(otter_cells(assignment, sources, solved=False)),
        "syntax_error.ipynb": notebook(syntax),
        "raising_cell.ipynb": notebook(raising),
        "infinite_loop.ipynb": notebook(looping),
        "cheater.ipynb": notebook(cheater),
        "renamed_without_init_cell.ipynb": notebook(renamed),
        "reordered_cells_markdown_deleted.ipynb": notebook(reordered),
        "old_jupyter_format.ipynb": _old_jupyter(full()),
        "not_a_notebook.ipynb": b'{"cells": [ this is not JSON\n',
    }
    return examples


def generate(assignment: Assignment, sources: list[QuestionSource]) -> dict[str, bytes]:
    return {f"examples/{assignment.id}/{name}": content for name, content in variants(assignment, sources).items()}
