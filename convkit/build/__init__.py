"""``convkit build``: every generated artefact, from the question sources.

Each generator returns ``{path relative to the kit root: bytes}``; this module writes them
(or, with ``--check``, compares them with what is committed). The folders generators own
are listed in :data:`OWNED`: files there that no generator produced are stale and removed.
"""
from __future__ import annotations

import sys
from pathlib import Path

from convkit.assignments import ASSIGNMENTS
from convkit.build import examples, nbgrader, notebooks, otter, student_package
from convkit.build.sources import load_sources
from convkit.paths import KIT_ROOT

GENERATORS = [notebooks.generate, student_package.generate, examples.generate, otter.generate, nbgrader.generate]


def owned_folders(assignment_id: str) -> list[str]:
    return [f"assignments/{assignment_id}", f"solutions/{assignment_id}", f"examples/{assignment_id}",
            f"autograder/otter/{assignment_id}", "autograder/otter/files", f"autograder/nbgrader/source/{assignment_id}"]


def generate_all() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for assignment in ASSIGNMENTS.values():
        sources = load_sources(assignment)
        for generator in GENERATORS:
            files.update(generator(assignment, sources))
    return files


def differences(files: dict[str, bytes], root: Path = KIT_ROOT) -> list[str]:
    """What differs between ``files`` and the tree: changed, missing and stale paths."""
    problems = []
    for path, content in sorted(files.items()):
        target = root / path
        if not target.exists():
            problems.append(f"missing: {path}")
        elif target.read_bytes() != content:
            problems.append(f"out of date: {path}")
    for folder in sorted({f for a in ASSIGNMENTS for f in owned_folders(a)}):
        for target in sorted((root / folder).rglob("*")) if (root / folder).exists() else []:
            relative = target.relative_to(root).as_posix()
            if target.is_file() and relative not in files and "__pycache__" not in target.parts \
                    and ".ipynb_checkpoints" not in target.parts:
                problems.append(f"stale: {relative}")
    return problems


def build_all(check_only: bool = False) -> int:
    files = generate_all()
    problems = differences(files)
    if check_only:
        for problem in problems:
            print(problem)
        print("generated files are up to date" if not problems else
              f"{len(problems)} generated file(s) out of date: run `convkit build`", file=sys.stderr)
        return 1 if problems else 0
    for problem in problems:
        path = problem.split(": ", 1)[1]
        target = KIT_ROOT / path
        if problem.startswith("stale"):
            target.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[path])
        print(problem.replace("out of date", "updated").replace("missing", "created").replace("stale", "removed"))
    print(f"{len(files)} generated files; {len(problems)} changed")
    return 0
