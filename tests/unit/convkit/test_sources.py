"""Question sources: what a file declares, what is derived from it, and the errors that name the file."""
import pytest

from convkit.assignments import ASSIGNMENTS, registry
from convkit.build.sources import QUESTIONS_DIR, parse, read_all, read_assignment
from convkit.errors import ConvkitError

STUB = "```python stub\ndef f(x):\n    raise NotImplementedError\n```\n\n```python solution\ndef f(x):\n    return x\n```\n"
INTRO = "<!-- assignment: toy -->\n# Toys\n\n<!-- questions -->\n\n```python setup\nimport torch\n```\n"


def test_the_registry_is_what_the_sources_declare():
    assert {a.id: a for a, _ in read_all()} == registry()


def test_conv_layer_as_declared():
    conv_layer = ASSIGNMENTS["conv-layer"]
    assert (conv_layer.title, conv_layer.package) == ("Convolutions for Images", "conv_layer")
    assert [q.id for q in conv_layer.questions][:3] == ["corr2d", "Conv2D", "learn_kernel"]
    assert conv_layer.question("diagonal").names == ("diagonal_image", "diagonal_responses")
    note = conv_layer.question("autograd_note")
    assert (note.kind, note.points, note.names) == ("manual", 3, ())
    assert conv_layer.question("Conv2D").grader_file == "test_Conv2D.py"


def write_assignment(folder, files):
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def test_order_title_names_and_table_come_from_the_files(tmp_path):
    folder = write_assignment(tmp_path / "toy", {
        "00-intro.md": INTRO,
        "02-second.md": "<!-- question: second -->\n## Second thing\n\nProse.\n\n" + STUB.replace("f(", "g("),
        "01-first.md": "<!-- question: first -->\n## First thing\n\n" + STUB.replace("def f(x):", "class F:\n    pass\n\n\ndef f(x):", 1),
        "03-essay.md": "<!-- question: essay manual points=2.5 -->\n## An essay\n\n```markdown answer\n_write_\n```\n",
    })
    assignment, sources = read_assignment(folder)
    assert [q.id for q in assignment.questions] == ["first", "second", "essay"]
    assert assignment.question("first").names == ("F", "f")
    assert assignment.question("essay").points == 2.5
    assert sources[1].prose.startswith("## 1. First thing: `F`, `f`\n")
    assert sources[3].prose.startswith("## 3. An essay (written answer, graded by hand: 2.5 points)\n")
    assert "| 2 | Second thing | `g` |" in sources[0].prose and "<!-- questions -->" not in sources[0].prose


@pytest.mark.parametrize("name, text, problem", [
    ("01-q.md", "no header\n```python stub\nx = 1\n```\n", "missing '<!-- question: ID -->'"),
    ("01-q.md", "<!-- question: q -->\n## Q\n```python stubb\nx = 1\n```\n", "unknown block role 'stubb'"),
    ("01-q.md", "<!-- question: q -->\n## Q\n```python stub\nx\n```\n```python stub\ny\n```\n", "two 'stub' blocks"),
    ("01-q.md", "<!-- question: q -->\nNo heading.\n" + STUB, "no heading"),
    ("01-q.md", "<!-- question: q manual -->\n## Q\n```markdown answer\nx\n```\n", "declares its points"),
    ("01-q.md", "<!-- question: q points=3 -->\n## Q\n" + STUB, "remove points="),
    ("01-q.md", "<!-- question: q manual pts=3 -->\n## Q\n```markdown answer\nx\n```\n", "unknown 'pts=3'"),
    ("01-q.md", "<!-- question: q -->\n## Q\n```python stub\nX = 1\n```\n```python solution\nX = 1\n```\n",
     "the stub defines no function or class"),
    ("01-q.md", "<!-- question: q -->\n## Q\n```python stub\ndef f(:\n```\n```python solution\nx\n```\n",
     "the stub is not valid Python"),
    ("01-q.md", "<!-- question: q -->\n## Q\n```python stub\ndef f(): pass\n```\n", "missing the 'solution' block"),
])
def test_malformed_sources_name_the_file_and_problem(tmp_path, name, text, problem):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ConvkitError, match=problem) as caught:
        parse(path)
    assert str(caught.value).startswith(str(path))


@pytest.mark.parametrize("files, problem", [
    ({"00-intro.md": INTRO.replace("toy", "other", 1)}, "declares assignment 'other' in folder 'toy'"),
    ({"01-first.md": "<!-- question: first -->\n## F\n" + STUB}, "the first file must be the intro"),
    ({"00-intro.md": INTRO, "01-first.md": "<!-- question: second -->\n## F\n" + STUB},
     "declares question 'second' but is named for 'first'"),
    ({"00-intro.md": INTRO, "first.md": "<!-- question: first -->\n## F\n" + STUB}, "is named NN-<id>.md"),
    ({"00-intro.md": INTRO, "01-f.md": "<!-- question: f -->\n## F\n" + STUB, "02-f.md": "<!-- question: f -->\n## F\n" + STUB},
     "question 'f' is also"),
])
def test_an_assignment_folder_that_disagrees_with_itself_is_refused(tmp_path, files, problem):
    folder = write_assignment(tmp_path / "toy", files)
    with pytest.raises(ConvkitError, match=problem):
        read_assignment(folder)


def test_the_kits_questions_folder_reads():
    assert [a.id for a, _ in read_all(QUESTIONS_DIR)] == list(ASSIGNMENTS)
