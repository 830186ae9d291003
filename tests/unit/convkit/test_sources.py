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


# ---------------------------------------------------------------- translations
QUESTION = ('<!-- question: first -->\n## First thing\n\nProse.\n\n```python stub\ndef f(x):\n    """Doc."""\n'
            '    raise NotImplementedError\n```\n\n```python solution\ndef f(x):\n    """Doc."""\n    return x\n```\n\n'
            '```python public\ndef test_same(f):\n    assert f(1) == 1, explain("wrong", got=f(1))\n```\n\n'
            '```text messages\ntest_same: same\nwrong: f(1) must be 1; got {got}\n```\n')
TRANSLATION = ('<!-- question: first -->\n## 第一题\n\n说明。\n\n```python stub\ndef f(x):\n    """文档。"""\n'
               '    # 在这里写你的代码\n    raise NotImplementedError\n```\n\n'
               '```text messages\ntest_same: 相同\nwrong: f(1) 必须是 1；实际得到 {got}\n```\n')
INTRO_ZH = "<!-- assignment: toy -->\n# 玩具\n\n<!-- questions -->\n"


def test_a_translation_is_numbered_in_its_language_and_lends_its_texts_to_the_question(tmp_path):
    folder = write_assignment(tmp_path / "toy", {"00-intro.md": INTRO, "00-intro.zh.md": INTRO_ZH,
                                                 "01-first.md": QUESTION, "01-first.zh.md": TRANSLATION})
    assignment, sources = read_assignment(folder)
    assert [s.path.name for s in sources] == ["00-intro.md", "01-first.md"]  # translations are not questions
    intro, first = sources[0].localised("zh"), sources[1].localised("zh")
    assert "| 1 | 第一题 | `f` |" in intro.prose and intro.title == "玩具"
    assert first.prose.startswith("## 1. 第一题：`f`\n") and first.title == "第一题"
    assert first.block("stub") == sources[1].translations["zh"].block("stub")
    assert first.block("solution") == 'def f(x):\n    """文档。"""\n    return x\n'  # the code stays, the docstring is zh
    assert first.block("public") == sources[1].block("public") and first.messages["wrong"].startswith("f(1) 必须")
    assert sources[1].catalogue == {"en": {"test_same": "same", "wrong": "f(1) must be 1; got {got}"},
                                    "zh": {"test_same": "相同", "wrong": "f(1) 必须是 1；实际得到 {got}"}}
    assert assignment.question("first").title == "First thing"  # the registry stays English


@pytest.mark.parametrize("files, problem", [
    ({"01-first.zh.md": TRANSLATION + "```python solution\ndef f(x):\n    return x\n```\n"},
     r"a translation holds no 'solution' block \(code is written once, in 01-first.md\)"),
    ({"01-first.zh.md": TRANSLATION.replace("first -->", "first manual points=2 -->")},
     "in a translation's header: kind and points are declared once"),
    ({"02-second.zh.md": TRANSLATION.replace("first", "second")}, "translates 02-second.md, which does not exist"),
    ({"01-first.zh.md": TRANSLATION.replace("first", "second")}, "declares 'second', but 01-first.md declares 'first'"),
    ({"01-first.fr.md": TRANSLATION}, "unknown language 'fr'"),
    ({"01-first.zh.md": TRANSLATION.replace("test_same: 相同", "test_same 相同")}, "is not 'key: text'"),
    ({"01-first.zh.md": TRANSLATION.replace("test_same: 相同", "wrong: 二\ntest_same: 相同")}, "defined twice"),
])
def test_a_malformed_translation_is_refused_naming_it(tmp_path, files, problem):
    folder = write_assignment(tmp_path / "toy", {"00-intro.md": INTRO, "01-first.md": QUESTION, **files})
    with pytest.raises(ConvkitError, match=problem) as caught:
        read_assignment(folder)
    assert ".zh.md" in str(caught.value) or ".fr.md" in str(caught.value)
