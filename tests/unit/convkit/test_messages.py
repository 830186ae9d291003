"""The message catalogue: every text a student or a TA reads is keyed, so a second language is
one more catalogue (``convkit/messages/<language>.py`` and ``autograder/graders/<package>/messages/
<language>.py``) with the same keys and placeholders.

Checked here, by reading the code (never running it): every key the code uses exists, a call
passes exactly the placeholders its template has, no key is left unused, grader keys carry
their package's prefix, and every other language has English's keys and placeholders.
"""
import ast
import re

import pytest

from convkit.messages import ENGLISH, Message, catalogue, catalogue_files, message, placeholders, read_catalogue, render
from convkit.paths import GRADERS_DIR, KIT_ROOT

CODE = sorted([*(KIT_ROOT / "convkit").rglob("*.py"), *GRADERS_DIR.rglob("*.py")])
STUDENT_PACKAGE = KIT_ROOT / "convkit" / "student"  # shipped alone, with its own two-language catalogue
CODE = [path for path in CODE if path.parent.name != "messages" and path.parent != STUDENT_PACKAGE]


def message_calls():
    """(file, key or a regular expression for an f-string key, keyword names or None for **params)."""
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and _called_name(node) in ("message", "say", "protect", "weaken")
                    and node.args):
                continue
            key = node.args[0]
            names = None if any(k.arg is None for k in node.keywords) else {k.arg for k in node.keywords}
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                yield path, key.value, names
            elif isinstance(key, ast.JoinedStr):
                pattern = "".join(re.escape(part.value) if isinstance(part, ast.Constant) else r"[\w.]+"
                                  for part in key.values)
                yield path, re.compile(pattern + "$"), names


def _called_name(call: ast.Call) -> str:
    """``say`` for ``say(...)``, ``protect`` for ``plan.protect(...)``."""
    return getattr(call.func, "id", "") or getattr(call.func, "attr", "")


def string_constants() -> set[str]:
    found = set()
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


ENGLISH_KEYS = catalogue(ENGLISH)


def test_every_key_the_code_uses_exists_and_gets_exactly_its_placeholders():
    problems = []
    for path, key, names in message_calls():
        where = path.relative_to(KIT_ROOT)
        if isinstance(key, re.Pattern):
            if not any(key.match(k) for k in ENGLISH_KEYS):
                problems.append(f"{where}: no key matches {key.pattern}")
            continue
        if key not in ENGLISH_KEYS:
            problems.append(f"{where}: unknown key {key!r}")
        elif names is not None and names != placeholders(ENGLISH_KEYS[key]):
            problems.append(f"{where}: {key!r} given {sorted(names)}, its template has "
                            f"{sorted(placeholders(ENGLISH_KEYS[key]))}")
    assert problems == []


def test_no_key_is_left_unused():
    used = string_constants()
    patterns = [key for _, key, _ in message_calls() if isinstance(key, re.Pattern)]
    unused = [key for key in ENGLISH_KEYS if key not in used and not any(p.match(key) for p in patterns)]
    assert unused == []


def test_grader_keys_carry_their_package_prefix_and_kit_keys_do_not_collide():
    kit = read_catalogue(KIT_ROOT / "convkit" / "messages" / "en.py")
    for path in sorted(GRADERS_DIR.glob("*/messages/en.py")):
        package = path.parent.parent.name
        keys = read_catalogue(path)
        assert all(key.startswith(package + ".") for key in keys), path
        assert not set(keys) & set(kit), path


def test_every_template_is_a_valid_format_string():
    for key, template in ENGLISH_KEYS.items():
        placeholders(template)  # raises ValueError for a malformed template
        assert template == template.strip(), key


def other_languages() -> list[str]:
    names = {path.stem for path in (KIT_ROOT / "convkit" / "messages").glob("*.py")} - {"__init__", ENGLISH}
    return sorted(names)


@pytest.mark.parametrize("language", other_languages() or [pytest.param("none", marks=pytest.mark.skip(
    reason="no translation yet: English is the only catalogue"))])
def test_a_translation_has_every_key_with_the_same_placeholders(language):
    for english in catalogue_files(ENGLISH):
        translated = english.with_name(f"{language}.py")
        assert translated.is_file(), f"{translated} is missing"
        theirs, ours = read_catalogue(translated), read_catalogue(english)
        assert set(theirs) == set(ours), translated
        assert {k: placeholders(v) for k, v in theirs.items()} == {k: placeholders(v) for k, v in ours.items()}


def test_messages_render_nest_and_survive_a_json_round_trip():
    nested = message("failure.hint", value=message("hint.timeout", function="corr2d"))
    assert str(nested).startswith("hint: corr2d did not return in time")
    assert Message.from_dict(nested.to_dict()) == nested
    assert render(nested.to_dict()) == str(nested)
    assert render(message("no.such.key", x=1)) == "no.such.key {'x': 1}"  # never an error while grading
    assert render("plain text") == "plain text" and render(None) == ""
