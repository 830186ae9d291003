"""Adding a question touches five files, and ``convkit build`` ships it everywhere.

The walk-through of ``questions/README.md``, done in a copy of the kit: a question source and
its Chinese translation, a reference function (with its ``__all__`` entry), a grader and a
catalogue folder. After ``convkit build`` the question is in the student and solution notebooks
of both languages, the public otter tests, the otter autograder, both nbgrader courses, the
example submissions, the registry, the README's table and ``CONTRACT.md``; ``convkit build
--check`` finds nothing missing; ``convkit check`` grades it, and the catalogue's mutants lose
points on it. Without its translation, the check names the file to write.
"""
import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from convkit.assignments import get_assignment
from convkit.grading.runner import max_points
from convkit.paths import KIT_ROOT

pytestmark = pytest.mark.slow

QUESTION = '''<!-- question: scale_image -->
## Scaling an image

Brightness is a pixelwise product: write `scale_image(X, c)`, the image `X` with every pixel
multiplied by the number `c`, on `X`'s device and with its dtype.

```python stub
def scale_image(X, c):
    """X: (h, w) image, c: a number. Returns c * X, shape (h, w), on X's device with X's dtype."""
    # YOUR CODE HERE
    raise NotImplementedError
```

```python solution
def scale_image(X, c):
    """X: (h, w) image, c: a number. Returns c * X, shape (h, w), on X's device with X's dtype."""
    return X * c
```

```python public
def test_doubling(scale_image, torch):
    X = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    assert torch.equal(scale_image(X, 2.0), 2 * X), explain("not_doubled", got=scale_image(X, 2.0).tolist())
```

```text messages
test_doubling: doubling
not_doubled: scale_image(X, 2.0) must double every pixel; got {got}
```
'''

QUESTION_ZH = '''<!-- question: scale_image -->
## 缩放图像

亮度是逐像素的乘积：请编写 `scale_image(X, c)`，把图像 `X` 的每个像素乘以数 `c`，结果与 `X` 的设备和数据类型相同。

```python stub
def scale_image(X, c):
    """X：形状为 (h, w) 的图像，c：一个数。返回 c * X，形状为 (h, w)，与 X 的设备和数据类型相同。"""
    # 在这里写你的代码
    raise NotImplementedError
```

```text messages
test_doubling: 加倍
not_doubled: scale_image(X, 2.0) 必须把每个像素加倍；实际得到 {got}
```
'''

REFERENCE = '''

def scale_image(X, c):
    """Every pixel of ``X`` times ``c`` (the toy question of the walk-through)."""
    return X * c
'''

GRADER = '''"""Hidden grader: ``scale_image(X, c)``, every pixel times ``c``.

Values on random images for several ``c`` (2 points) and keeping a float64 input's dtype (1).
"""
import pytest
import torch

import reference.channels as ref
from convkit.grading.checks import check_close, check_dtype
from convkit.grading.data import random_tensor
from convkit.grading.texts import call_text


@pytest.fixture
def image():
    """A fixture of the grader's own: tests using it run through pytest's full test protocol."""
    return random_tensor((3, 5), seed=11)


@pytest.mark.points(2)
@pytest.mark.parametrize("c", [2.0, -0.5, 0.0])
def test_values(student, image, c):
    got = student.call("scale_image", image, c)
    check_close(got, ref.scale_image(image.double(), c), call_text("scale_image", image, c=c))


@pytest.mark.points(1)
def test_keeps_dtype(student):
    X = random_tensor((2, 2), seed=12, dtype=torch.float64)
    check_dtype(student.call("scale_image", X, 3.0), torch.float64, call_text("scale_image", X, c=3.0))
'''

MUTANTS = {
    "mutant_adds.py": "def scale_image(X, c):\n    return X + c\n",
    "mutant_ignores_c.py": "def scale_image(X, c):\n    return X.clone()\n",
    "mutant_float32.py": "import torch\n\n\ndef scale_image(X, c):\n    return X.float() * c\n",
    "valid_mul.py": "import torch\n\n\ndef scale_image(X, c):\n    return torch.mul(X, c)\n",
}

IGNORED = shutil.ignore_patterns(".venv", ".git", "out", "grades", "__pycache__", "*.egg-info", "otter")


def convkit(copy, *args, timeout=600):
    """``convkit`` run in the copy, importing the copy's package (its registry is the copy's)."""
    env = dict(os.environ, PYTHONPATH=str(copy), CONVKIT_ROOT=str(copy), PYTHONWARNINGS="ignore")
    return subprocess.run([sys.executable, "-m", "convkit.cli", *map(str, args)], cwd=copy, env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    """A copy of the kit with the toy question added through its four files, then built."""
    copy = tmp_path_factory.mktemp("kit") / "convkit"
    shutil.copytree(KIT_ROOT, copy, ignore=IGNORED)
    (copy / "questions/channels/08-scale_image.md").write_text(QUESTION)
    (copy / "questions/channels/08-scale_image.zh.md").write_text(QUESTION_ZH)
    reference = copy / "reference/channels.py"
    text = reference.read_text().replace('    "conv2d_cost",\n', '    "conv2d_cost",\n    "scale_image",\n', 1)
    reference.write_text(text + REFERENCE)
    (copy / "autograder/graders/channels/test_scale_image.py").write_text(GRADER)
    catalogue = copy / "tests/data/catalogue/channels/scale_image"
    catalogue.mkdir()
    for name, code in MUTANTS.items():
        (catalogue / name).write_text(code)
    build = convkit(copy, "build")
    assert build.returncode == 0, build.stdout + build.stderr
    return copy


def cell(notebook_path, cell_id) -> str:
    notebook = json.loads(notebook_path.read_text())
    return "".join(next(c for c in notebook["cells"] if c["id"] == cell_id)["source"])


def test_the_notebooks_carry_it(kit):
    student, solution = kit / "assignments/channels/channels.ipynb", kit / "solutions/channels/channels.ipynb"
    assert cell(student, "scale_image-prompt").startswith("## 8. Scaling an image: `scale_image`")
    assert "raise NotImplementedError" in cell(student, "scale_image-code")
    assert "return X * c" in cell(solution, "scale_image-code")
    assert cell(student, "scale_image-check") == 'grader.check("scale_image")'
    assert "| 8 | Scaling an image | `scale_image` |" in cell(student, "intro")
    assert "def test_doubling" in (kit / "assignments/channels/tests/scale_image.py").read_text()
    assert "return X * c" in cell(kit / "examples/channels/full_marks.ipynb", "scale_image-code")
    chinese = kit / "assignments/channels/channels.zh.ipynb"
    assert cell(chinese, "scale_image-prompt").startswith("## 8. 缩放图像：`scale_image`")
    assert "# 在这里写你的代码" in cell(chinese, "scale_image-code")
    assert '"not_doubled": "scale_image(X, 2.0) 必须把每个像素加倍；实际得到 {got}"' in \
        (kit / "assignments/channels/tests/scale_image.py").read_text()


def test_the_autograders_carry_it_with_the_graders_points(kit):
    with zipfile.ZipFile(kit / "autograder/otter/channels/channels-autograder.zip") as archive:
        assert "points = 3.0" in archive.read("tests/scale_image.py").decode()
        assert "autograder/graders/channels/test_scale_image.py" in archive.namelist()
        registry = json.loads(archive.read("convkit/registry.json"))
    assert "scale_image" in [q["id"] for q in registry["assignments"][0]["questions"]]
    for course in ("autograder/nbgrader/source/channels/channels.ipynb",
                   "autograder/nbgrader-zh/source/channels/channels.zh.ipynb"):
        tests = next(c for c in json.loads((kit / course).read_text())["cells"] if c["id"] == "scale_image-tests")
        assert tests["metadata"]["nbgrader"]["points"] == 3.0


def test_the_registry_readme_and_contract_carry_it(kit):
    registry = json.loads((kit / "convkit/registry.json").read_text())
    channels = next(a for a in registry["assignments"] if a["id"] == "channels")
    question = dict(channels["questions"][-1])
    stub = question.pop("stub")  # kept to tell an untouched stub from an attempt
    assert question == {"id": "scale_image", "title": "Scaling an image", "names": ["scale_image"], "kind": "auto"}
    assert stub.startswith("def scale_image(X, c):") and "raise NotImplementedError" in stub
    readme = (kit / "README.md").read_text()
    points_before = sum(max_points(get_assignment("channels")).values())  # the toy question adds 3
    assert f"`conv2d_cost`, `scale_image` | {points_before + 3:g} |" in readme
    contract = (kit / "CONTRACT.md").read_text()
    assert "| 8 | `scale_image`: Scaling an image | `scale_image(X, c)` | 3 |" in contract
    assert "**Judged** (3 points): `scale_image(X, c)`, every pixel times `c`." in contract
    assert "Tests and points: `values` 2, `keeps_dtype` 1." in contract


def test_the_check_finds_nothing_missing(kit):
    check = convkit(kit, "build", "--check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_it_is_graded(kit):
    solved = convkit(kit, "check", "solutions/channels/channels.ipynb", "--question", "scale_image")
    assert solved.returncode == 0 and "3 / 3" in solved.stdout, solved.stdout + solved.stderr
    mutant = convkit(kit, "check", "tests/data/catalogue/channels/scale_image/mutant_float32.py",
                     "--assignment", "channels", "--question", "scale_image")
    assert mutant.returncode == 1 and "2 / 3" in mutant.stdout, mutant.stdout + mutant.stderr


def test_a_missing_grader_or_translation_is_named(kit, tmp_path):
    copy = tmp_path / "convkit"
    shutil.copytree(kit, copy, ignore=IGNORED)
    (copy / "autograder/graders/channels/test_scale_image.py").unlink()
    (copy / "questions/channels/08-scale_image.zh.md").unlink()
    check = convkit(copy, "build", "--check")
    assert check.returncode == 1
    assert "channels/scale_image: no grader; write autograder/graders/channels/test_scale_image.py" in check.stdout
    assert ("questions/channels/08-scale_image.md: no Simplified Chinese translation; write "
            "questions/channels/08-scale_image.zh.md") in check.stdout
