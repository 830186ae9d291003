"""Reading a submission (``.ipynb`` or ``.py``) into an ordered list of code "cells".

This runs in the grader, on untrusted *files* but never untrusted *code*: it only parses.
Each cell is later executed on its own in the sandbox, so one failing cell does not stop
the next, as a TA running the notebook top to bottom would expect. A ``.py`` file is cut
into its top-level statements for the same reason.

IPython syntax (``%magic``, ``!shell``, ``%%cell`` magics, ``obj?``) is neutralised rather
than executed: it would fail in plain Python, and shell escapes must not run.

A notebook also says which language it is in (``metadata.convkit.lang``, written by ``convkit
build``): :attr:`Submission.lang`, the language feedback on it defaults to.
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

from convkit.errors import SubmissionError
from convkit.languages import DEFAULT, declared_language

SUFFIXES = (".ipynb", ".py")
#: Cell magics whose body is ordinary Python; the body runs, the magic line does not.
_PYTHON_BODY_CELL_MAGICS = {"time", "timeit", "capture", "prun"}
_LINE_MAGIC = re.compile(r"^(\s*)(?:[%!]|\S.*\?\s*$)")
_ASSIGNED_MAGIC = re.compile(r"^(\s*)([\w.]+)\s*=\s*[%!]")


@dataclass(frozen=True)
class Submission:
    path: Path
    cells: tuple[tuple[str, str], ...]  # (label shown in feedback, Python source)
    module_name: str  # __name__ seen by the code: notebooks run as __main__, .py files not
    markdown: tuple[str, ...] = ()  # a notebook's Markdown cells (written answers), in order
    lang: str = DEFAULT  # the notebook's declared language (metadata.convkit.lang); English otherwise
    cell_ids: tuple[tuple[str, str], ...] = ()  # (cell id, label) of each code cell that has an id

    @property
    def stem(self) -> str:
        return self.path.stem

    def answer_cell(self, question_id: str) -> str:
        """The label of the code cell the notebook gives for ``question_id``'s answer (id
        ``<question>-code``, as ``convkit build`` writes it), '' when there is none (a .py file,
        an old notebook). A syntax error there is an attempt, whatever it defines."""
        return dict(self.cell_ids).get(f"{question_id}-code", "")


def load_submission(path) -> Submission:
    """Parse ``path``; raise :class:`SubmissionError` with a one-line reason if impossible."""
    path = Path(path)
    raw = _read_bytes(path)
    if path.suffix == ".ipynb":
        notebook = _notebook(path, raw)
        cells = list(_notebook_cells(path, notebook))
        return Submission(path, tuple((label, source) for label, source, _ in cells), "__main__",
                          tuple(_markdown_cells(notebook)), declared_language(notebook) or DEFAULT,
                          tuple((cell_id, label) for label, _, cell_id in cells if cell_id))
    if path.suffix == ".py":
        return Submission(path, tuple(_python_cells(path, raw)), "__submission__")
    raise SubmissionError(f"{path}: not a submission (expected .ipynb or .py)")


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise SubmissionError(f"{path}: no such file")
    if path.is_dir():
        raise SubmissionError(f"{path}: is a directory, not a submission file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SubmissionError(f"{path}: cannot be read ({exc.strerror})") from None
    if not raw.strip():
        raise SubmissionError(f"{path}: file is empty")
    if b"\x00" in raw[:8192]:
        raise SubmissionError(f"{path}: binary file, not a notebook or Python source")
    return raw


def _decode_text(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SubmissionError(f"{path}: not UTF-8 text (byte {exc.start})") from None


# ------------------------------------------------------------------ notebooks
def _notebook(path: Path, raw: bytes) -> dict:
    try:
        notebook = json.loads(_decode_text(path, raw))
    except json.JSONDecodeError as exc:
        raise SubmissionError(f"{path}: not a notebook (invalid JSON at line {exc.lineno})") from None
    if not isinstance(notebook, dict):
        raise SubmissionError(f"{path}: not a notebook (JSON is not an object)")
    _raw_cells(path, notebook)  # refuses what is not a notebook of a known format
    return notebook


def _notebook_cells(path: Path, notebook: dict):
    """(label, source, id) of each non-empty code cell, labelled as JupyterLab shows it (see
    :func:`cell_label`); the id is '' where the cell has none (nbformat before 4.5)."""
    code_cells = [cell for cell in _raw_cells(path, notebook) if isinstance(cell, dict) and cell.get("cell_type") == "code"]
    for number, cell in enumerate(code_cells, start=1):
        source = strip_ipython(_text(cell.get("source", cell.get("input", ""))))
        if source.strip():
            cell_id = cell.get("id")
            yield (cell_label(number, cell.get("execution_count", cell.get("prompt_number"))), source,
                   cell_id if isinstance(cell_id, str) else "")


def cell_label(number: int, execution_count=None) -> str:
    """How feedback names a code cell: as JupyterLab shows it, ``cell [7]`` (its execution count)
    when the notebook was run, else ``code cell 3`` (counting code cells only: Markdown cells
    have no number in JupyterLab)."""
    from convkit.messages import message

    if isinstance(execution_count, int) and not isinstance(execution_count, bool):
        return str(message("cell.executed", count=execution_count))
    return str(message("cell.code", number=number))


_LABELS = {"cell.executed": (re.compile(r"cell \[(\d+)\]"), "count"), "cell.code": (re.compile(r"code cell (\d+)"), "number")}
_LOCATION = re.compile(r"(?P<place>.+?), line (?P<line>\d+)(?:: (?P<code>.*))?", re.S)


def label_message(label):
    """A cell label as a message, so feedback names the cell in the reader's language.

    Labels stay plain text where the kit uses them as names (the sandbox's file names, results
    files, matching a cell to its error); this reads :func:`cell_label`'s own two forms back as
    their keys at output time. Anything else (a ``.py`` file's name, ``start-up``, a label an
    older result stored) is returned as it is."""
    from convkit.messages import message

    if isinstance(label, str):
        for key, (pattern, name) in _LABELS.items():
            found = pattern.fullmatch(label)
            if found:
                return message(key, **{name: int(found.group(1))})
    return label


_RAISED = re.compile(r"(?P<error>.*?) \(at (?P<where>.+?, line \d+(?:: .*)?)\)", re.S)


def error_message(text):
    """An error as the sandbox describes it, ``NameError: ... (at cell [3], line 2: y = x)``, as a
    message whose place is in the reader's language (the error itself stays as Python wrote it)."""
    from convkit.messages import message

    found = _RAISED.fullmatch(text) if isinstance(text, str) else None
    if not found:
        return text
    return message("check.raised_at", error=found.group("error"), where=location_message(found.group("where")))


def location_message(where):
    """``cell [4], line 6: Y = ...`` (as the sandbox and :mod:`convkit.grading.source` write a place in
    the student's code) as a message: the cell in the reader's language, the line number and the code
    as they are. Any other text is returned as it is."""
    from convkit.messages import message

    found = _LOCATION.fullmatch(where) if isinstance(where, str) else None
    if not found:
        return where
    place = label_message(found.group("place"))
    if found.group("code"):
        return message("location.line_code", place=place, line=int(found.group("line")), code=found.group("code"))
    return message("location.line", place=place, line=int(found.group("line")))


def _markdown_cells(notebook: dict):
    for cell in _raw_cells(None, notebook):
        if isinstance(cell, dict) and cell.get("cell_type") == "markdown":
            yield _text(cell.get("source", ""))


def _text(source) -> str:
    return "".join(str(s) for s in source) if isinstance(source, list) else str(source)


def _raw_cells(path: Path, notebook: dict) -> list:
    """Cells of an nbformat 4 notebook, or of an old nbformat 3 one (worksheets)."""
    version = notebook.get("nbformat")
    if version == 4 and isinstance(notebook.get("cells"), list):
        return notebook["cells"]
    if version == 3 and isinstance(notebook.get("worksheets"), list):
        return [cell for sheet in notebook["worksheets"] if isinstance(sheet, dict) for cell in sheet.get("cells", [])]
    if version is None:
        raise SubmissionError(f"{path}: not a notebook (no 'nbformat' field)")
    raise SubmissionError(f"{path}: unsupported notebook format {version!r} (expected nbformat 4)")


def strip_ipython(source: str) -> str:
    """Replace IPython-only lines by ``pass`` (keeping indentation, so blocks stay valid)."""
    lines = source.splitlines()
    if lines and lines[0].lstrip().startswith("%%"):
        magic = lines[0].lstrip()[2:].split()[0] if lines[0].strip() != "%%" else ""
        if magic not in _PYTHON_BODY_CELL_MAGICS:
            return ""
        lines = lines[1:]
    return "\n".join(_neutral_line(line) for line in lines) + "\n"


def _neutral_line(line: str) -> str:
    assigned = _ASSIGNED_MAGIC.match(line)
    if assigned:
        return f"{assigned.group(1)}{assigned.group(2)} = None"
    magic = _LINE_MAGIC.match(line)
    if magic and not line.lstrip().startswith("#"):
        return f"{magic.group(1)}pass"
    return line


# ------------------------------------------------------------------ python files
def _python_cells(path: Path, raw: bytes):
    source = _decode_text(path, raw)
    try:
        tree = ast.parse(source, filename=str(path))
    except SyntaxError as exc:
        raise SubmissionError(f"{path}: syntax error at line {exc.lineno}: {exc.msg}") from None
    lines = source.splitlines(True)
    for node in tree.body:
        start = node.lineno - 1
        if getattr(node, "decorator_list", None):
            start = min(d.lineno for d in node.decorator_list) - 1
        chunk = "".join(lines[start:node.end_lineno])
        # Keep line numbers true to the file, so feedback points at the right line.
        yield (path.name, "\n" * start + chunk)


def defined_names(submission: Submission) -> set[str]:
    """Top-level names the cells define, found by parsing only (used to guess the assignment)."""
    from convkit.grading.source import top_level_definitions

    return set(top_level_definitions(submission.cells))
