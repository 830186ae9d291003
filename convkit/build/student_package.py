"""What a TA hands out, per assignment: the folder ``assignments/<assignment>/``.

Besides the notebook and its public tests (:mod:`convkit.build.notebooks`) it holds
``convkit_student.py`` (short check reports, an export that saves first), a
``requirements-student.txt`` with only what the notebook needs (JupyterLab, otter, torch;
no nbgrader, whose JupyterLab extension would show students instructor tools) and a
``README.md`` telling students how to install, open, check, export and submit, and the same
guide in Chinese, ``README.zh.md``, for the Chinese notebook (each names the other). The
solution notebooks in ``solutions/<assignment>/`` load ``convkit_student`` too, so they get a copy.
"""
from __future__ import annotations

from convkit.assignments import Assignment
from convkit.build.notebooks import STUDENT_MODULE, languages, notebook_name, notebook_stem
from convkit.build.pins import TORCH_CPU_INDEX, pinned
from convkit.build.sources import QuestionSource
from convkit.build.texts import text
from convkit.languages import tag
from convkit.paths import KIT_ROOT

STUDENT_MODULE_SOURCE = KIT_ROOT / "convkit" / "student" / f"{STUDENT_MODULE}.py"
#: The student's environment: what the notebook imports or runs in, and nothing for instructors.
STUDENT_PACKAGES = ("jupyterlab", "otter-grader", "torch")

REQUIREMENTS = """\
# What {notebooks} need (written by `convkit build`): python -m pip install -r requirements-student.txt
# Without an NVIDIA GPU, install PyTorch's much smaller CPU build first:
#   python -m pip install {torch} --index-url {cpu_index}
{pins}
"""


def readme_name(lang: str) -> str:
    """``README.md``, ``README.zh.md``."""
    return f"README{tag(lang)}.md"


def requirements(assignment: Assignment, langs: list[str]) -> str:
    pins = pinned(*STUDENT_PACKAGES)
    return REQUIREMENTS.format(notebooks=" and ".join(notebook_name(assignment, lang) for lang in langs),
                               torch=pins["torch"], cpu_index=TORCH_CPU_INDEX,
                               pins="\n".join(pins[name] for name in STUDENT_PACKAGES))


def readme(assignment: Assignment, title: str, lang: str, langs: list[str]) -> str:
    """The guide in ``lang``; its table of files names the notebooks of the other languages too."""
    others = "".join(text(lang, "readme_other", notebook=notebook_name(assignment, other), readme=readme_name(other),
                          language=text(lang, f"language_{other}")) + "\n" for other in langs if other != lang)
    return text(lang, "readme", title=title, notebook=notebook_name(assignment, lang), other_rows=others,
                module=STUDENT_MODULE, stem=notebook_stem(assignment, lang), torch=pinned("torch")["torch"],
                cpu_index=TORCH_CPU_INDEX)


def generate(assignment: Assignment, sources: list[QuestionSource]) -> dict[str, bytes]:
    module = STUDENT_MODULE_SOURCE.read_bytes()
    langs = languages(sources)
    files = {f"assignments/{assignment.id}/{STUDENT_MODULE}.py": module,
             f"assignments/{assignment.id}/requirements-student.txt": requirements(assignment, langs).encode(),
             f"solutions/{assignment.id}/{STUDENT_MODULE}.py": module}
    for lang in langs:
        title = sources[0].localised(lang).title
        files[f"assignments/{assignment.id}/{readme_name(lang)}"] = readme(assignment, title, lang, langs).encode()
    return files
