"""Reading submissions: notebooks (v4 and v3), .py files, IPython syntax, and bad files."""
import json

import pytest

from convkit.errors import SubmissionError
from convkit.submission import defined_names, load_submission, strip_ipython
from tests.helpers import notebook


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def test_notebook_cells_are_named_as_jupyterlab_shows_them(tmp_path):
    """Code cells only are counted (JupyterLab does not number Markdown cells); a cell that was run
    is named by its execution count, as JupyterLab shows it beside the cell."""
    nb = notebook(["x = 1", "", "y = x + 1", "z = 3"])
    nb["cells"].insert(1, {"cell_type": "markdown", "source": "# text", "metadata": {}})
    nb["cells"][4]["execution_count"] = 12
    submission = load_submission(write(tmp_path, "a.ipynb", json.dumps(nb)))
    assert [label for label, _ in submission.cells] == ["code cell 1", "code cell 3", "cell [12]"]
    assert submission.module_name == "__main__"
    assert submission.markdown == ("# text",)


def test_old_nbformat_3_is_read(tmp_path):
    submission = load_submission(write(tmp_path, "old.ipynb", json.dumps(notebook(["def f(): pass"], version=3))))
    assert defined_names(submission) == {"f"}


def test_ipython_syntax_is_neutralised():
    source = "%matplotlib inline\n!pip install d2l\nfiles = !ls\nif True:\n    %time x = 1\nf?\n# %not magic\ny = 2"
    assert strip_ipython(source) == "pass\npass\nfiles = None\nif True:\n    pass\npass\n# %not magic\ny = 2\n"
    assert strip_ipython("%%bash\necho hi") == ""
    assert strip_ipython("%%time\nz = 3") == "z = 3\n"


def test_py_file_is_cut_into_top_level_statements_with_true_line_numbers(tmp_path):
    path = write(tmp_path, "s.py", "import torch\n\n@staticmethod\ndef f():\n    return 1\nx = f\n")
    cells = load_submission(path).cells
    assert len(cells) == 3
    assert cells[1][1].splitlines()[2] == "@staticmethod"  # decorator kept, line 3 stays line 3
    assert load_submission(path).module_name == "__submission__"


@pytest.mark.parametrize("name, content, problem", [
    ("junk.ipynb", "this is not json", "not a notebook (invalid JSON"),
    ("list.ipynb", "[1, 2]", "JSON is not an object"),
    ("future.ipynb", json.dumps({"nbformat": 5, "cells": []}), "unsupported notebook format 5"),
    ("plain.ipynb", json.dumps({"cells": []}), "no 'nbformat' field"),
    ("empty.py", "", "file is empty"),
    ("blank.ipynb", "  \n", "file is empty"),
    ("binary.py", b"\x7fELF\x00\x00\x01", "binary file"),
    ("latin.py", b"x = '\xe9'\n", "not UTF-8 text"),
    ("broken.py", "def f(:\n  pass\n", "syntax error at line 1"),
    ("notes.txt", "hello", "not a submission (expected .ipynb or .py)"),
])
def test_bad_files_get_one_line_reasons_naming_the_file(tmp_path, name, content, problem):
    path = write(tmp_path, name, content)
    with pytest.raises(SubmissionError) as error:
        load_submission(path)
    message = str(error.value)
    assert message.startswith(str(path)) and problem in message and "\n" not in message


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(SubmissionError, match="no such file"):
        load_submission(tmp_path / "missing.ipynb")
    with pytest.raises(SubmissionError, match="is a directory"):
        load_submission(tmp_path)


@pytest.mark.parametrize("metadata, lang", [({"convkit": {"lang": "zh"}}, "zh"), ({"convkit": {"lang": "en"}}, "en"),
                                            ({}, "en"), ({"convkit": {"lang": "klingon"}}, "en")])
def test_a_notebook_says_its_language(tmp_path, metadata, lang):
    """The language feedback defaults to: the notebook's metadata.convkit.lang, else English."""
    nb = dict(notebook(["x = 1"]), metadata=metadata)
    assert load_submission(write(tmp_path, "a.ipynb", json.dumps(nb))).lang == lang
    assert load_submission(write(tmp_path, "a.py", "x = 1\n")).lang == "en"
