"""The languages students meet the kit in: English and Simplified Chinese, d2l's two editions.

Everything language-specific is named the same way: English is the default and has no tag;
every other language adds ``.<lang>`` before the suffix (``01-corr2d.zh.md``,
``conv-layer.zh.ipynb``, ``README.zh.md``). A notebook says its language in its metadata,
``metadata.convkit.lang``, where ``grader.check`` (``convkit_student``) and the graders read it.

Texts in several languages are *catalogues*: ``{lang: {key: template}}``, each template a
``str.format`` string with named placeholders. :func:`catalogue_problems` is the rule they
all obey: every key in every language, with the same placeholders.
"""
from __future__ import annotations

import re
import string

LANGUAGES = ("en", "zh")
DEFAULT = "en"
#: How each language is named where the kit talks about it (build reports, READMEs).
NAMES = {"en": "English", "zh": "Simplified Chinese"}
_TAG = re.compile(r"\.(?P<lang>[a-z]{2})$")


def tag(lang: str) -> str:
    """What a file name carries for ``lang`` before its suffix: nothing for English, ``.zh`` for Chinese."""
    return "" if lang == DEFAULT else f".{lang}"


def split_tag(stem: str) -> tuple[str, str | None]:
    """``conv-layer.zh`` -> (``conv-layer``, ``zh``); a stem without a known language tag -> (stem, None)."""
    found = _TAG.search(stem)
    if found and found.group("lang") in LANGUAGES and found.group("lang") != DEFAULT:
        return stem[:found.start()], found.group("lang")
    return stem, None


def declared_language(notebook) -> str | None:
    """The language a notebook (parsed JSON) declares in ``metadata.convkit.lang``, if the kit knows it."""
    metadata = notebook.get("metadata") if isinstance(notebook, dict) else None
    convkit = metadata.get("convkit") if isinstance(metadata, dict) else None
    lang = convkit.get("lang") if isinstance(convkit, dict) else None
    return lang if lang in LANGUAGES else None


def placeholders(template: str) -> set[str]:
    """The named fields of a ``str.format`` template: ``"got {got!r} at {where}"`` -> {got, where}."""
    return {field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(template)
            if field is not None}


def catalogue_problems(catalogue: dict[str, dict[str, str]], where: str) -> list[str]:
    """Every way ``catalogue`` breaks the rule (each key in each of :data:`LANGUAGES`, same placeholders)."""
    problems = [f"{where}: no {NAMES[lang]} ({lang}) texts" for lang in LANGUAGES if lang not in catalogue]
    problems += [f"{where}: texts in an unknown language {lang!r}" for lang in catalogue if lang not in LANGUAGES]
    keys = sorted({key for texts in catalogue.values() for key in texts})
    for key in keys:
        present = {lang: texts[key] for lang, texts in catalogue.items() if key in texts}
        for lang in catalogue:
            if lang not in present:
                problems.append(f"{where}: {key!r} has no {NAMES.get(lang, lang)} ({lang}) text")
        fields = {lang: placeholders(text) for lang, text in present.items()}
        if len({frozenset(f) for f in fields.values()}) > 1:
            shown = "; ".join(f"{lang}: {', '.join(sorted(f)) or 'none'}" for lang, f in fields.items())
            problems.append(f"{where}: {key!r} has different placeholders ({shown})")
    return problems
