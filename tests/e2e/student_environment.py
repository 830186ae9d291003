"""The students' environment, as far as this machine can tell: what requirements-student.txt installs.

Computed from the installed distributions' metadata (no index is queried): the closure of the
student requirements' dependencies, and the JupyterLab extensions those distributions ship.
The browser test turns every other installed extension off, so JupyterLab looks as it does for
a student (no nbgrader Validate button, no Create Assignment panel).
"""
from __future__ import annotations

import importlib.metadata as metadata
import re
from pathlib import Path

LABEXTENSIONS = "share/jupyter/labextensions/"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names(path: Path) -> list[str]:
    """Project names listed in a requirements file (comments and options skipped)."""
    names = []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.append(re.split(r"[\s;<>=!~\[(]", line, maxsplit=1)[0])
    return names


def closure(names) -> set[str]:
    """Canonical names of the installed distributions ``names`` pull in (without extras)."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if canonical(name) in seen:
            continue
        seen.add(canonical(name))
        try:
            requires = metadata.distribution(name).requires or []
        except metadata.PackageNotFoundError:
            continue
        todo += [re.split(r"[\s;<>=!~\[(]", r, maxsplit=1)[0] for r in requires if "extra ==" not in r]
    return seen


def labextensions_by_distribution() -> dict[str, set[str]]:
    """Canonical distribution name -> the prebuilt JupyterLab extensions it installs."""
    found: dict[str, set[str]] = {}
    for dist in metadata.distributions():
        for file in dist.files or ():
            path = file.as_posix()
            if LABEXTENSIONS in path and path.endswith("/package.json"):
                extension = path.split(LABEXTENSIONS, 1)[1].rsplit("/package.json", 1)[0]
                if extension.count("/") <= 1 and "/node_modules" not in extension:
                    found.setdefault(canonical(dist.metadata["Name"]), set()).add(extension)
    return found


def extensions_students_lack(requirements: Path) -> list[str]:
    """Installed JupyterLab extensions that the student requirements do not bring."""
    students = closure(requirement_names(requirements))
    return sorted(extension for dist, extensions in labextensions_by_distribution().items()
                  if dist not in students for extension in extensions)
