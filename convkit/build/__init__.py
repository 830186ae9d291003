"""``convkit build``: every generated artefact, from the question sources.

Each generator returns ``{path relative to the kit root: bytes}``; this module writes them
(or, with ``--check``, compares them with what is committed). :data:`GENERATORS` make one
assignment's files; :data:`KIT_GENERATORS` the files about every assignment (the registry
the package reads at run time). The folders generators own are listed by
:func:`owned_folders`: files there that no generator produced are stale and removed.

The build reads the question sources themselves, never the registry it writes, so it runs
when the registry is stale or missing (a new question, a fresh edit).
"""
from __future__ import annotations

import sys
from pathlib import Path

from convkit.assignments import registry_json
from convkit.build import consistency, contract, examples, nbgrader, notebooks, otter, student_package
from convkit.build.sources import read_all
from convkit.languages import LANGUAGES
from convkit.paths import KIT_ROOT

GENERATORS = [notebooks.generate, student_package.generate, examples.generate, otter.generate, nbgrader.generate]


def registry_file(kit) -> dict[str, bytes]:
    """``convkit/registry.json``: the assignments and questions the sources declare."""
    return {"convkit/registry.json": registry_json(a for a, _ in kit).encode()}


KIT_GENERATORS = [registry_file, contract.contract, contract.readme]


def owned_folders(assignment_id: str) -> list[str]:
    return [f"assignments/{assignment_id}", f"solutions/{assignment_id}", f"examples/{assignment_id}",
            f"autograder/otter/{assignment_id}", *(nbgrader.source_dir(assignment_id, lang) for lang in LANGUAGES)]


def generate_all(built: bool = True, kit=None) -> dict[str, bytes]:
    """Every generated file; without the built-only ones (the otter zips) when ``built`` is false."""
    kit = read_all() if kit is None else kit
    files: dict[str, bytes] = {}
    for assignment, sources in kit:
        for generator in GENERATORS if built else [g for g in GENERATORS if g is not otter.generate]:
            files.update(generator(assignment, sources))
    for generator in KIT_GENERATORS:
        files.update(generator(kit))
    return files


def is_committed(path: str) -> bool:
    """Whether git keeps a generated file (then ``--check`` compares it), or it is only built.

    The otter zips are built, not committed: they embed the whole ``convkit`` package, so
    every change to it would otherwise need a rebuild and binary diffs in the commit.
    ``.gitignore`` lists them; everything else generated is committed and checked.
    """
    return not path.startswith(f"{otter.OTTER_DIR}/")


def differences(files: dict[str, bytes], root: Path = KIT_ROOT) -> list[str]:
    """What differs between ``files`` and the tree: changed, missing and stale paths."""
    problems = []
    for path, content in sorted(files.items()):
        target = root / path
        if not target.exists():
            problems.append(f"missing: {path}")
        elif target.read_bytes() != content:
            problems.append(f"out of date: {path}")
    for folder in sorted({f for a, _ in read_all() for f in owned_folders(a.id)}):
        for target in sorted((root / folder).rglob("*")) if (root / folder).exists() else []:
            relative = target.relative_to(root).as_posix()
            if target.is_file() and relative not in files and "__pycache__" not in target.parts \
                    and ".ipynb_checkpoints" not in target.parts:
                problems.append(f"stale: {relative}")
    return problems


def check(files: dict[str, bytes]) -> int:
    """Report committed generated files that differ from a fresh build; 1 if any."""
    problems = [p for p in differences(files) if is_committed(p.split(": ", 1)[1])]
    for problem in problems:
        print(problem)
    print("generated files are up to date" if not problems else
          f"{len(problems)} generated file(s) out of date: run `convkit build`", file=sys.stderr)
    return 1 if problems else 0


def report_consistency(kit) -> int:
    """Print what the kit lacks for its questions (:mod:`convkit.build.consistency`); 1 if anything."""
    problems = consistency.problems(kit)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} consistency problem(s): see questions/README.md for what a question needs",
              file=sys.stderr)
    return 1 if problems else 0


def write(files: dict[str, bytes], root: Path = KIT_ROOT) -> None:
    """Bring ``root`` up to date with ``files``: write what changed, remove what is stale."""
    problems = differences(files, root)
    for problem in problems:
        path = problem.split(": ", 1)[1]
        target = root / path
        if problem.startswith("stale"):
            target.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[path])
        print(problem.replace("out of date", "updated").replace("missing", "created").replace("stale", "removed"))
    print(f"{len(files)} generated files; {len(problems)} changed")


def write_into(files: dict[str, bytes], output: Path) -> None:
    """Every generated file under ``output`` (a fresh folder), as it would be in the kit."""
    for path, content in sorted(files.items()):
        target = output / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    print(f"{len(files)} generated files written to {output}")


def build_all(check_only: bool = False, output: Path | None = None) -> int:
    """``convkit build``: write the generated files (into ``output`` if given), or only check them
    (``--check``); either way report what the kit lacks. Exit status 1 on any problem."""
    kit = read_all()
    status = report_consistency(kit)
    if check_only:
        return check(generate_all(built=False, kit=kit)) | status
    files = generate_all(kit=kit)
    if output is not None:
        write_into(files, Path(output))
    else:
        write(files)
    return status
