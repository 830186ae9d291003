"""What the public checks say, in every language, without a second copy of the checks.

A public check never writes its message inline: it names it, ``explain("wrong_shape",
got=tuple(Y.shape))``, and the question's ``messages`` block holds the template of each key,
one per line, in the English source and in each translation::

    ```text messages
    test_d2l_example: d2l example
    wrong_shape: a 3×3 image and a 2×2 kernel give a (2, 2) output; got shape {got}
    ```

A key named for a check function (``test_d2l_example``) is the check's name as students
read it in ``grader.check``'s report. The generated test file holds the checks once and the
messages of every language (:func:`catalogue_source`); ``convkit_student`` picks the
notebook's language when a check runs.

:func:`problems` and :func:`translation_problems` are the rules ``convkit build --check``
enforces: every key a check uses exists, with exactly the placeholders the call passes;
every check has a name; no message is unused; every translation has every key with the same
placeholders.
"""
from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass

from convkit.errors import ConvkitError
from convkit.languages import placeholders

#: The function a public check calls for its message.
EXPLAIN = "explain"
_LINE = re.compile(r"^(?P<key>[A-Za-z_]\w*):[ \t]*(?P<text>.*?)[ \t]*$")


def parse_messages(body: str, where) -> dict[str, str]:
    """A ``messages`` block: ``key: template`` per line (blank lines allowed)."""
    messages: dict[str, str] = {}
    for number, line in enumerate(body.splitlines(), 1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if not match:
            raise ConvkitError(f"{where}: line {number} of the 'messages' block is not 'key: text': {line.strip()!r}")
        key, text = match.group("key", "text")
        if key in messages:
            raise ConvkitError(f"{where}: message {key!r} is defined twice in the 'messages' block")
        if not text:
            raise ConvkitError(f"{where}: message {key!r} is empty")
        try:
            placeholders(text)
        except ValueError as error:
            raise ConvkitError(f"{where}: message {key!r} is not a valid str.format template ({error})") from None
        messages[key] = text
    return messages


@dataclass(frozen=True)
class Use:
    """One ``explain(...)`` call: its key (None unless a string literal) and the names it passes."""

    key: str | None
    names: frozenset[str] | None  # None when it passes **values (which names cannot be known)
    line: int
    positional: bool = False


def uses(public: str) -> list[Use]:
    """Every ``explain`` call of a public block."""
    found = []
    for node in ast.walk(ast.parse(public)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == EXPLAIN:
            first = node.args[0] if node.args else None
            key = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
            names = None if any(k.arg is None for k in node.keywords) else frozenset(k.arg for k in node.keywords)
            found.append(Use(key, names, node.lineno, positional=len(node.args) != 1))
    return sorted(found, key=lambda use: use.line)


def check_functions(public: str) -> list[str]:
    """The public checks, ``test_*`` functions, in order: each needs a name in the messages."""
    return [node.name for node in check_nodes(public)]


def check_nodes(public: str) -> list[ast.FunctionDef]:
    """The public checks' definitions, in order."""
    return [node for node in ast.parse(public).body
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")]


def problems(public: str, messages: dict[str, str], where: str) -> list[str]:
    """How a question's public block and its (English) messages disagree, one line each."""
    found = []
    for use in uses(public):
        call = f"{EXPLAIN}(...) on line {use.line} of the 'public' block"
        if use.key is None or use.positional:
            found.append(f"{where}: {call}: pass the message key in quotes and the values by name, "
                         f"{EXPLAIN}(\"key\", name=value)")
        elif use.key not in messages:
            found.append(f"{where}: {call} names message {use.key!r}, which the 'messages' block lacks")
        elif use.names is None:
            found.append(f"{where}: {call}: pass each value by name (no **values), so the check can compare them "
                         f"with the message's placeholders")
        elif use.names != placeholders(messages[use.key]):
            found.append(f"{where}: {call} passes {_listed(use.names)} to message {use.key!r}, whose placeholders "
                         f"are {_listed(placeholders(messages[use.key]))}")
    checks = check_functions(public)
    for check in checks:
        if check not in messages:
            found.append(f"{where}: check {check} has no name in the 'messages' block "
                         f"(add '{check}: {check.removeprefix('test_').replace('_', ' ')}')")
    used = {use.key for use in uses(public)} | set(checks)
    for key in messages:
        if key not in used:
            found.append(f"{where}: message {key!r} is not used by the public checks; remove it")
    return found


def translation_problems(messages: dict[str, str], translated: dict[str, str], where: str, original: str) -> list[str]:
    """How a translation's messages differ from the original's keys and placeholders."""
    found = [f"{where}: no message {key!r} ({original} has it)" for key in messages if key not in translated]
    found += [f"{where}: message {key!r} is not in {original}; remove it" for key in translated if key not in messages]
    for key in messages.keys() & translated.keys():
        if placeholders(messages[key]) != placeholders(translated[key]):
            found.append(f"{where}: message {key!r} has placeholders {_listed(placeholders(translated[key]))}; "
                         f"{original} has {_listed(placeholders(messages[key]))}")
    return found


def _listed(names) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names)) or "none"


def catalogue_source(catalogue: dict[str, dict[str, str]]) -> str:
    """``MESSAGES = {...}``: the catalogue as Python source (JSON's string syntax is Python's)."""
    return "MESSAGES = " + json.dumps(catalogue, indent=4, ensure_ascii=False) + "\n"
