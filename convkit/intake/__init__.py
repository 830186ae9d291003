"""Intake: what in a folder (or a zip) is graded, for which student, and why the rest is not.

:func:`collect` turns a folder into one :class:`Entry` per student plus a list of
:class:`NotGraded` files with reasons; :func:`open_zip` picks the file ``convkit check``
grades inside one zip. Layouts, names and rules are documented in the submodules:
:mod:`~convkit.intake.folder`, :mod:`~convkit.intake.candidates`, :mod:`~convkit.intake.names`,
:mod:`~convkit.intake.archives`.
"""
from __future__ import annotations

from pathlib import Path

from convkit.errors import ConvkitError
from convkit.intake.archives import ZipRefused
from convkit.intake.candidates import zip_candidate
from convkit.intake.folder import MISSING, NOT_ON_ROSTER, Entry, Intake, NotGraded, collect, safe_name, stage

__all__ = ["MISSING", "NOT_ON_ROSTER", "Entry", "Intake", "NotGraded", "collect", "open_zip", "safe_name", "stage"]


def open_zip(path: Path, assignment_ids, staging: Path) -> tuple[Path, str]:
    """Copy the notebook or .py file a zip stands for into ``staging``; return it and what it is called.

    The same rule as for a folder picks the file; a zip that cannot be graded raises
    :class:`ConvkitError` with the reason.
    """
    candidate = zip_candidate(Path(path), Path(path).name, Path(path).name, assignment_ids)
    if candidate.problem:
        raise ConvkitError(f"{path}: {candidate.problem}")
    try:
        data = candidate.read()
    except (ZipRefused, OSError) as error:
        raise ConvkitError(f"{path}: {error}") from None
    target = Path(staging) / safe_name(candidate.member.name.replace("\\", "/").rsplit("/", 1)[-1])
    target.write_bytes(data)
    return target, candidate.graded_file
