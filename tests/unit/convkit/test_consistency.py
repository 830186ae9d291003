"""``convkit build --check``'s consistency check: each way the kit can disagree with itself is named, with the file."""
import shutil

import pytest

from convkit.build import consistency, differences, generate_all
from convkit.build.sources import read_all
from convkit.paths import KIT_ROOT

PARTS = ["questions", "autograder/graders", "reference", "tests/data/catalogue"]


@pytest.fixture
def kit(tmp_path):
    """A copy of the parts of the kit the check reads; each test breaks it one way."""
    for part in PARTS:
        shutil.copytree(KIT_ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def problems(root):
    return consistency.problems(read_all(root / "questions"), root)


def edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_the_kit_agrees_with_itself(kit):
    assert problems(kit) == []


def test_a_question_without_a_grader(kit):
    (kit / "autograder/graders/conv_layer/test_corr2d.py").unlink()
    assert problems(kit) == ["conv-layer/corr2d: no grader; write autograder/graders/conv_layer/test_corr2d.py"]


def test_a_grader_that_names_no_question(kit):
    (kit / "autograder/graders/conv_layer/test_Conv2D.py").rename(kit / "autograder/graders/conv_layer/test_conv2d.py")
    (kit / "autograder/graders/channels/test_corr3d.py").write_text("def test_x(student):\n    pass\n")
    assert sorted(problems(kit)) == [
        "autograder/graders/channels/test_corr3d.py: names no question of channels ('corr3d')",
        "autograder/graders/conv_layer/test_conv2d.py: names no question of conv-layer ('conv2d'); "
        "the file name is the id exactly: test_Conv2D.py",
        "conv-layer/Conv2D: no grader; write autograder/graders/conv_layer/test_Conv2D.py",
    ]


def test_a_grader_for_a_question_graded_by_hand(kit):
    (kit / "autograder/graders/conv_layer/test_autograd_note.py").write_text("")
    assert problems(kit) == ["autograder/graders/conv_layer/test_autograd_note.py: conv-layer/autograd_note is "
                             "graded by hand, so this grader never runs; remove it, or drop 'manual' from the "
                             "question's header"]


def test_the_reference_lacks_or_hides_a_name_the_stub_defines(kit):
    edit(kit / "reference/conv_layer.py", "def blur_kernel(", "def blurred_kernel(")
    edit(kit / "reference/channels.py", '    "pad2d",\n', "")
    assert sorted(problems(kit)) == [
        "reference/channels.py: 'pad2d' is not in __all__ (the stub of channels/pad2d defines it)",
        "reference/conv_layer.py: no 'blur_kernel' (the stub of conv-layer/blur_kernel defines it)",
    ]


def test_an_assignment_without_a_reference(kit):
    (kit / "reference/channels.py").unlink()
    assert problems(kit) == ["channels: no reference; write reference/channels.py"]


def test_a_catalogue_short_of_mutants_or_valid_variants(kit):
    folder = kit / "tests/data/catalogue/conv_layer/corr2d"
    for path in folder.glob("valid_*.py"):
        path.unlink()
    for path in sorted(folder.glob("mutant_*.py"))[2:]:
        path.unlink()
    assert problems(kit) == ["tests/data/catalogue/conv_layer/corr2d: 2 mutants and 0 valid variants; a question "
                             "needs at least 3 mutants (mutant_*.py) and 1 valid variant (valid_*.py)"]


def test_catalogue_and_grader_folders_named_for_nothing(kit):
    (kit / "tests/data/catalogue/conv_layer/corr3d").mkdir()
    (kit / "tests/data/catalogue/conv-layer").mkdir()
    (kit / "autograder/graders/conv-layer").mkdir()
    assert sorted(problems(kit)) == [
        "autograder/graders/conv-layer: the graders of no assignment (packages: channels, conv_layer)",
        "tests/data/catalogue/conv-layer: the catalogue of no assignment (packages: channels, conv_layer)",
        "tests/data/catalogue/conv_layer/corr3d: names no auto-graded question of conv-layer",
    ]


def test_a_question_without_public_checks_or_with_anothers_name(kit):
    path = kit / "questions/channels/07-conv2d_cost.md"
    text = path.read_text()
    start = text.index("```python public")
    path.write_text(text[:start] + text[text.index("\n```\n", start) + 5:])
    edit(kit / "questions/channels/06-conv_weight_shape.md", "def conv_weight_shape(", "def pad2d(")
    found = problems(kit)
    assert "questions/channels/07-conv2d_cost.md: no 'public' block (the notebook's check cell and the nbgrader " \
           "test cell run its public checks)" in found
    assert "channels: 'pad2d' is defined by the stubs of both pad2d and conv_weight_shape" in found


def test_a_generated_file_edited_by_hand_is_out_of_date(tmp_path):
    notebook = "assignments/channels/channels.ipynb"
    (tmp_path / notebook).parent.mkdir(parents=True)
    (tmp_path / notebook).write_bytes((KIT_ROOT / notebook).read_bytes().replace(b"Padding", b"Paddding", 1))
    assert f"out of date: {notebook}" in differences(generate_all(built=False), tmp_path)


# ---------------------------------------------------------------- languages and messages
def test_a_question_without_its_chinese_translation(kit):
    (kit / "questions/conv-layer/01-corr2d.zh.md").unlink()
    (kit / "questions/channels/00-intro.zh.md").unlink()
    assert sorted(problems(kit)) == [
        "questions/channels/00-intro.md: no Simplified Chinese translation; write questions/channels/00-intro.zh.md",
        "questions/conv-layer/01-corr2d.md: no Simplified Chinese translation; write "
        "questions/conv-layer/01-corr2d.zh.md",
    ]


def test_a_translated_stub_must_be_the_same_code(kit):
    edit(kit / "questions/conv-layer/02-Conv2D.zh.md", "def forward(self, x):", "def forward(self, X):")
    edit(kit / "questions/channels/01-pad2d.zh.md", '    """在图像的每一侧做填充。', '    """在图像的每一侧做填充。\n\n    好。')
    assert problems(kit) == [
        "questions/conv-layer/02-Conv2D.zh.md: its stub's code differs from 02-Conv2D.md's (only docstrings and "
        "comments may be translated: the same names, signatures and statements)"]


def test_a_written_questions_translation_needs_its_answer_placeholder(kit):
    path = kit / "questions/conv-layer/15-autograd_note.zh.md"
    path.write_text(path.read_text().split("```markdown answer")[0])
    assert problems(kit) == ["questions/conv-layer/15-autograd_note.zh.md: no 'answer' block (the placeholder "
                             "students replace, in their language)"]


def test_translated_messages_need_every_key_with_the_same_placeholders(kit):
    path = kit / "questions/conv-layer/01-corr2d.zh.md"
    edit(path, "not_a_tensor: corr2d 必须返回张量；实际返回的是 {got}\n", "")
    edit(path, "实际形状为 {got}", "实际形状为 {shape}")
    edit(path, "test_meta_device: meta 设备\n", "test_meta_device: meta 设备\nextra: 多余\n")
    assert sorted(problems(kit)) == [
        "questions/conv-layer/01-corr2d.zh.md: message 'd2l_shape' has placeholders {shape}; 01-corr2d.md has {got}",
        "questions/conv-layer/01-corr2d.zh.md: message 'extra' is not in 01-corr2d.md; remove it",
        "questions/conv-layer/01-corr2d.zh.md: no message 'not_a_tensor' (01-corr2d.md has it)",
    ]


def test_public_checks_and_their_messages_agree(kit):
    path = kit / "questions/conv-layer/01-corr2d.md"
    edit(path, 'explain("not_a_tensor", got=type(Y).__name__)', 'explain("not_tensor", got=type(Y).__name__)')
    edit(path, 'explain("d2l_shape", got=tuple(Y.shape))', 'explain("d2l_shape", shape=tuple(Y.shape))')
    edit(path, 'explain("float64", got=Y.dtype)', 'explain(key, got=Y.dtype)')
    edit(path, "test_meta_device: meta device\n", "")
    found = [line.removeprefix("questions/conv-layer/01-corr2d.md: ") for line in problems(kit)
             if line.startswith("questions/conv-layer/01-corr2d.md")]
    assert found == [
        "explain(...) on line 5 of the 'public' block names message 'not_tensor', which the 'messages' block lacks",
        "explain(...) on line 6 of the 'public' block passes {shape} to message 'd2l_shape', whose placeholders "
        "are {got}",
        "explain(...) on line 25 of the 'public' block: pass the message key in quotes and the values by name, "
        "explain(\"key\", name=value)",
        "check test_meta_device has no name in the 'messages' block (add 'test_meta_device: meta device')",
        "message 'not_a_tensor' is not used by the public checks; remove it",
        "message 'float64' is not used by the public checks; remove it",
    ]
