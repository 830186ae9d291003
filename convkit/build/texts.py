"""Every sentence the build writes for students that is not in a question source, in each language.

The notebooks' fixed texts (the check prompt, the submit cell, numbered titles, the table of
questions), the nbgrader course's notes and the student folder's README. A catalogue as
:mod:`convkit.languages` describes it; ``tests/unit/convkit/test_languages.py`` holds it to
that rule. Texts for instructors only (the hidden part of nbgrader's test cells, CONTRACT.md)
stay English.
"""
from __future__ import annotations

from convkit.languages import DEFAULT

_README_EN = """\
# {title}: getting started

Keep these files together in one folder:

| file | what it is |
|---|---|
| `{notebook}` | the assignment: read it, write your code in it, check it, export it |
{other_rows}| `tests/` | the public checks that `grader.check` runs |
| `{module}.py` | keeps the checks' reports short, and makes the export save what you see |
| `requirements-student.txt` | what to install |

## 1. Install (once)

You need Python 3.10 or newer. In this folder:

```bash
python3 -m venv .venv
source .venv/bin/activate        # Windows: .venv\\Scripts\\activate
python -m pip install {torch} --index-url {cpu_index}   # no NVIDIA GPU: a smaller download
python -m pip install -r requirements-student.txt
```

## 2. Open

```bash
jupyter lab {notebook}
```

Run all cells once (Run ▸ Run All Cells). Each `grader.check` cell then says that its question
is not attempted yet.

## 3. Write and check

For each question, replace `# YOUR CODE HERE` and the `raise NotImplementedError` line of the
stub with your code, run the cell, then run the `grader.check("…")` cell below it. It runs the
public checks and prints one short report: passed, or which checks failed and why. Hidden tests
(other shapes, dtypes and devices) also run when your notebook is graded, so passing the public
checks does not guarantee full marks.

## 4. Export

Run the last cell, `grader.export(...)`. It saves the notebook, runs the saved copy again from
the top in a fresh kernel (one line per question), and writes
`{stem}_<date and time>.zip` beside the notebook. If it says "Not exported", do what it says
and run the cell again.

## 5. Submit

Submit the newest zip file, as your course tells you. Do not rename the notebook: grading looks
for `{notebook}`.
"""

_README_ZH = """\
# {title}：上手指南

请把下面这些文件放在同一个文件夹里：

| 文件 | 用途 |
|---|---|
| `{notebook}` | 作业本身：阅读题目、写代码、检查、导出，都在这里 |
{other_rows}| `tests/` | `grader.check` 运行的公开检查 |
| `{module}.py` | 让检查报告保持简短，并让导出保存你屏幕上看到的内容 |
| `requirements-student.txt` | 需要安装的软件包 |

## 1. 安装（只需一次）

需要 Python 3.10 或更新的版本。在这个文件夹中运行：

```bash
python3 -m venv .venv
source .venv/bin/activate        # Windows：.venv\\Scripts\\activate
python -m pip install {torch} --index-url {cpu_index}   # 没有 NVIDIA GPU：下载量小得多
python -m pip install -r requirements-student.txt
```

## 2. 打开

```bash
jupyter lab {notebook}
```

先把所有单元格运行一遍（Run ▸ Run All Cells）。这时每个 `grader.check` 单元格都会显示
该题“尚未作答”。

## 3. 编写与检查

对每道题，把代码框架中的 `# 在这里写你的代码` 和 `raise NotImplementedError` 这一行换成你的代码，
运行这个单元格，再运行它下面的 `grader.check("…")` 单元格。它会运行公开检查，并打印一段简短的
报告：全部通过，或者哪些检查没有通过、原因是什么。评分时还会运行隐藏测试（其他形状、数据类型和
设备），所以通过公开检查并不保证拿满分。

## 4. 导出

运行最后一个单元格 `grader.export(...)`。它会保存 notebook，在一个新的内核中从头重新运行保存的
副本（每道题一行结果），并在 notebook 旁边生成 `{stem}_<日期和时间>.zip`。如果它显示“未导出”，
按提示操作后再运行一次这个单元格。

## 5. 提交

按课程要求提交最新的 zip 文件。不要给 notebook 改名：评分时找的是 `{notebook}`。
"""

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        # the notebook
        "hidden_note": "Only the public checks run here. More tests (random shapes, other dtypes, the `meta` "
                       "device, ...) run when your notebook is graded.",
        "nbgrader_passed": "{qid}: Public checks passed. More tests (random shapes, other dtypes, the meta device, "
                           "...) run when your notebook is graded.",  # printed as plain text: no Markdown
        "check_prompt": 'Check your work with `grader.check("{qid}")`.',
        "sentence_gap": " ",  # between two sentences joined in one paragraph
        "init_comment": "# Initialize Otter. convkit_student (the file beside this notebook) keeps grader.check's\n"
                        "# reports short and makes grader.export save the notebook before zipping it.",
        "submit": "## Submitting\n\nRun the cell below. It saves the notebook, runs the saved copy again from the "
                  "top to check it, and writes the zip file to submit, `{stem}_<date and time>.zip`, beside the "
                  "notebook. Submit that zip file as your course tells you.",
        # numbered titles and the intro's table of questions
        "auto_title": "{title}: {names}",
        "manual_title": "{title} (written answer, graded by hand: {points} points)",
        "name_separator": ", ",
        "table_head": "| # | Question | You write |\n|---|---|---|",
        "table_manual": "{title} (graded by hand, {points} points)",
        "table_manual_writes": "a short text",
        # the nbgrader course
        "nbgrader_note": "**In this notebook** the checks are the read-only test cells after each question, not "
                         "`grader.check` cells: run them the same way. Your *saved* notebook is what gets graded, "
                         "so save before you submit.",
        "nbgrader_check_prompt": "Check your work with the test cell below.",
        "nbgrader_public": "# Public checks for {qid}: they run here, in your notebook.",
        "solution_note": "# (instructor's copy: the solution redefines the stub above; the release keeps only "
                         "the stub)",
        "answer_note": "*(instructor's copy, removed from the release: graded by hand, {points} points.)*",
        # the student folder's README
        "readme": _README_EN,
        "readme_other": "| `{notebook}` | the same assignment in {language} (its guide: `{readme}`); work in one "
                        "of the notebooks |",
        "language_en": "English",
        "language_zh": "Simplified Chinese",
    },
    "zh": {
        "hidden_note": "这里只运行公开检查。评分时还会运行更多测试（随机形状、其他数据类型、`meta` 设备等）。",
        "nbgrader_passed": "{qid}：公开检查全部通过。评分时还会运行更多测试（随机形状、其他数据类型、meta 设备等）。",
        "check_prompt": '用 `grader.check("{qid}")` 检查你的代码。',
        "sentence_gap": "",
        "init_comment": "# 初始化 Otter。convkit_student（与本 notebook 放在一起的文件）让 grader.check 的报告\n"
                        "# 保持简短，并让 grader.export 在打包之前先保存 notebook。",
        "submit": "## 提交\n\n运行下面的单元格。它会保存 notebook，从头重新运行保存下来的副本作为检查，并在 "
                  "notebook 旁边生成要提交的 zip 文件 `{stem}_<日期和时间>.zip`。请按课程的要求提交这个 zip 文件。",
        "auto_title": "{title}：{names}",
        "manual_title": "{title}（书面回答，人工评分：{points} 分）",
        "name_separator": "、",
        "table_head": "| # | 题目 | 你要写的 |\n|---|---|---|",
        "table_manual": "{title}（人工评分，{points} 分）",
        "table_manual_writes": "一小段文字",
        "nbgrader_note": "**在这个 notebook 中**，检查是每道题后面的只读测试单元格，而不是 `grader.check` 单元格，"
                         "运行方式相同。评分用的是你*保存过的* notebook，所以提交之前请先保存。",
        "nbgrader_check_prompt": "用下面的测试单元格检查你的代码。",
        "nbgrader_public": "# {qid} 的公开检查：它们就在你的 notebook 里运行。",
        "solution_note": "# （教师版：解答重新定义了上面代码框架中的名字；发布给学生的版本只保留代码框架）",
        "answer_note": "*（教师版，发布时删除：人工评分，{points} 分。）*",
        "readme": _README_ZH,
        "readme_other": "| `{notebook}` | 同一份作业的{language}版（说明见 `{readme}`）；两个 notebook 任选其一 |",
        "language_en": "英文",
        "language_zh": "简体中文",
    },
}


def text(lang: str, key: str, **values) -> str:
    """The text ``key`` in ``lang``, filled in with ``values``."""
    return TEXTS.get(lang, TEXTS[DEFAULT])[key].format(**values)
