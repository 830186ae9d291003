"""Every text a student or a TA reads, keyed, in one catalogue per language.

A text is a :class:`Message`: a key and its parameters, e.g.
``message("feedback.not_attempted", question="corr2d")``. It is rendered by looking the key
up in a language's catalogue and filling the template with ``str.format``::

    >>> str(message("feedback.not_attempted", question="corr2d"))
    'corr2d: not attempted'

Results keep the structured form (``Message.to_dict()``: key and parameters, JSON-safe)
next to the English rendering, so feedback and reports can be rendered again, in another
language, from stored results.

Where the catalogues live:

* ``convkit/messages/<language>.py``: the kit's own texts (feedback, reports, statuses, the
  generic checks and mistakes every grader shares);
* ``autograder/graders/<package>/messages/<language>.py``: each assignment's grader texts
  (hints and named mistakes of its questions), keys prefixed ``<package>.``, so a new
  assignment brings its texts with its graders and nothing in ``convkit/`` changes.

Each catalogue file assigns ``MESSAGES = {key: template}``. A second language is one more
file per folder (``zh.py``) with the same keys and the same placeholders;
``tests/unit/convkit/test_messages.py`` checks that every key used in the code exists and
that every language's placeholders match English's. A key a language lacks falls back to
English; a key no catalogue has renders as the key and its parameters (never an error while
grading).

Tensor descriptions, numbers and code are parameters: they stay as they are in every
language.
"""
from __future__ import annotations

import runpy
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from convkit.languages import DEFAULT as ENGLISH, placeholders  # noqa: F401 - placeholders: for the catalogue checks
KIT_CATALOGUES = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Message:
    """A keyed text and its parameters (numbers, strings, other messages, lists of those)."""

    key: str
    params: dict = field(default_factory=dict)

    def render(self, language: str = ENGLISH) -> str:
        return render(self, language)

    def __str__(self) -> str:
        return self.render()

    def __hash__(self) -> int:
        return hash((self.key, repr(sorted(self.params.items(), key=lambda item: item[0]))))

    def to_dict(self) -> dict:
        return {"key": self.key, "params": {name: _to_plain(value) for name, value in self.params.items()}}

    @classmethod
    def from_dict(cls, data: dict) -> "Message":
        return cls(data["key"], {name: _from_plain(value) for name, value in data.get("params", {}).items()})


def message(key: str, **params) -> Message:
    """The message ``key`` with ``params``: ``message("check.dtype", dtype="float64")``.

    A tuple parameter (a shape, a kernel size) is kept as the text Python shows for it,
    ``(4, 5)``: JSON, where results are stored, has no tuples, and the reader expects a shape
    to look like one."""
    return Message(key, {name: str(value) if isinstance(value, tuple) else value for name, value in params.items()})


def render(value, language: str = ENGLISH) -> str:
    """A :class:`Message` in ``language``; a plain string as it is; ``None`` as ``""``."""
    if value is None:
        return ""
    if isinstance(value, Message):
        template = catalogue(language).get(value.key)
        if template is None and language != ENGLISH:
            template = catalogue(ENGLISH).get(value.key)
        params = {name: _rendered_param(param, language) for name, param in value.params.items()}
        if template is None:
            return value.key + (f" {params}" if params else "")
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            return value.key + (f" {params}" if params else "")
    if isinstance(value, dict) and "key" in value:
        return render(Message.from_dict(value), language)
    return str(value)


def _rendered_param(value, language: str):
    if isinstance(value, Message):
        return render(value, language)
    if isinstance(value, (list, tuple)) and any(isinstance(v, Message) for v in value):
        return [render(v, language) for v in value]
    return value


def _to_plain(value):
    if isinstance(value, Message):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_to_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _from_plain(value):
    if isinstance(value, dict) and "key" in value:
        return Message.from_dict(value)
    if isinstance(value, list):
        return [_from_plain(v) for v in value]
    return value


def catalogue_files(language: str) -> list[Path]:
    """The kit's catalogue of ``language`` and every assignment's grader catalogue of it."""
    from convkit.paths import GRADERS_DIR

    files = [KIT_CATALOGUES / f"{language}.py"]
    if GRADERS_DIR.is_dir():
        files += sorted(GRADERS_DIR.glob(f"*/messages/{language}.py"))
    return [path for path in files if path.is_file()]


@cache
def catalogue(language: str = ENGLISH) -> dict[str, str]:
    """Every template of ``language``, kit and graders merged (read once per process)."""
    merged: dict[str, str] = {}
    for path in catalogue_files(language):
        merged.update(read_catalogue(path))
    return merged


def read_catalogue(path: Path) -> dict[str, str]:
    """The ``MESSAGES`` a catalogue file assigns (a plain dict of strings; nothing else runs)."""
    return dict(runpy.run_path(str(path))["MESSAGES"])


def say(key: str, language: str = ENGLISH, /, **params) -> str:
    """The catalogue's text for ``key`` in ``language``: ``render(message(key, **params), language)``."""
    return render(message(key, **params), language)


def joined(key: str, items, language: str = ENGLISH) -> str:
    """``items`` joined as ``language`` joins them: ``key`` is a template ``"{a}, {b}"`` (Chinese
    writes "{a}，{b}"), applied pairwise, so separators live in the catalogue like every other text."""
    text = ""
    for index, item in enumerate(items):
        text = str(item) if index == 0 else render(message(key, a=text, b=item), language)
    return text

