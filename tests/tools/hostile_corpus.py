"""The hostile corpus (tests/data/hostile/): each attack's header, its rendered source, and its verdict.

Header (the first lines of an attack; format documented in tests/data/hostile/README.md)::

    # solves: corr2d convolve2d        questions it solves honestly (possibly none); required, first
    # expect: corr2d_matmul > 0 < max  bounds on a question it does not fully solve
    # expect: limit time               the result names this limit in limits_hit
    # expect: cell timeout             some cell of the result has this status

Every question is then judged: full marks on ``solves``, within the bounds of an ``expect``
line, zero on every other question.
"""
from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parents[2]
CORPUS = KIT_ROOT / "tests" / "data" / "hostile"
TOOLKIT = CORPUS / "_toolkit.py"
TOOLKIT_IMPORT = re.compile(r"^from _toolkit import (?:\([^)]*\)|[^\n]*)$", re.M)
HONEST_NOTEBOOKS = {"honest_full.ipynb": KIT_ROOT / "examples" / "conv-layer" / "full_marks.ipynb",
                    "honest_textbook.ipynb": KIT_ROOT / "examples" / "conv-layer" / "textbook_device_dtype.ipynb"}
#: Grading options of every hostile batch; attacks that size themselves by a limit say so
#: in a constant the corpus test checks (memory_fork.py: LIMIT_MB).
CALL_TIMEOUT, SUBMISSION_TIMEOUT, MEMORY_MB, JOBS = 3, 40, 1024, 2
GRADE_OPTIONS = ["--assignment", "conv-layer", "-j", str(JOBS), "--call-timeout", str(CALL_TIMEOUT),
                 "--submission-timeout", str(SUBMISSION_TIMEOUT), "--memory-mb", str(MEMORY_MB), "--quiet"]
#: Marks shared with the toolkit: in every path of a harness run; on files attacks leave behind;
#: process names of what they start (``hostile-...``) and the old corpus's ``sleep 300.98765x``.
RUN_MARK = "convkit-hostile-run"
LEFT_MARK = "convkit-hostile-left-"
PROCESS_NAME_MARK = "hostile-"
SLEEP_MARK = "98765"

_OPERATORS = {"<": operator.lt, "<=": operator.le, "=": operator.eq, ">=": operator.ge, ">": operator.gt}
_CELL_STATUSES = {"timeout", "crashed", "error"}


class HeaderError(ValueError):
    """A corpus file's header does not follow the format."""


@dataclass
class Expectation:
    solves: frozenset[str]
    bounds: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # question -> [(op, number | "max")]
    limits: set[str] = field(default_factory=set)
    cells: set[str] = field(default_factory=set)


def attacks() -> list[Path]:
    """Every attack of the corpus (files starting with '_' are shared helpers, not attacks)."""
    return sorted(p for p in CORPUS.glob("*.py") if not p.name.startswith("_"))


def header_lines(path: Path) -> list[str]:
    lines = path.read_text().splitlines()
    header = []
    for line in lines:
        if not line.startswith(("# solves:", "# expect:")):
            break
        header.append(line)
    if not header or not header[0].startswith("# solves:"):
        raise HeaderError(f"{path.name}: the first line must be '# solves: <question ids>'")
    return header


def parse_header(path: Path, question_ids) -> Expectation:
    """The expectation a corpus file declares; HeaderError names any problem."""
    known = set(question_ids)
    header = header_lines(path)
    solves = frozenset(header[0].split(":", 1)[1].split())
    expectation = Expectation(solves)
    for line in header[1:]:
        words = line.split(":", 1)[1].split()
        if len(words) == 2 and words[0] == "limit":
            expectation.limits.add(words[1])
        elif len(words) == 2 and words[0] == "cell" and words[1] in _CELL_STATUSES:
            expectation.cells.add(words[1])
        elif len(words) in (3, 5) and words[0] in known:
            pairs = list(zip(words[1::2], words[2::2]))
            for op, value in pairs:
                if op not in _OPERATORS or not (value == "max" or _is_number(value)):
                    raise HeaderError(f"{path.name}: bad bound {op} {value} in {line!r}")
            expectation.bounds[words[0]] = pairs
        else:
            raise HeaderError(f"{path.name}: cannot read {line!r}")
    unknown = (expectation.solves | set(expectation.bounds)) - known
    if unknown:
        raise HeaderError(f"{path.name}: unknown question ids {sorted(unknown)}")
    if expectation.solves & set(expectation.bounds):
        raise HeaderError(f"{path.name}: a solved question cannot also have bounds")
    return expectation


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def render(path: Path) -> str:
    """The submission as graded: the toolkit inlined where the attack imports it."""
    source = path.read_text()
    toolkit = TOOLKIT.read_text()
    return TOOLKIT_IMPORT.sub(lambda _: toolkit, source, count=1)


def describe_expected(expectation: Expectation, question: str) -> str:
    if question in expectation.solves:
        return "max"
    if question in expectation.bounds:
        return " ".join(f"{op} {value}" for op, value in expectation.bounds[question])
    return "0"


def judge_points(expectation: Expectation, points: dict[str, float], maxima: dict[str, float]) -> list[str]:
    """Problems with a submission's points per question (empty when all is as declared)."""
    problems = []
    for question, maximum in maxima.items():
        got = points.get(question)
        if got is None:
            problems.append(f"{question}: missing")
            continue
        if question in expectation.solves:
            ok = abs(got - maximum) < 1e-6
        elif question in expectation.bounds:
            ok = all(_OPERATORS[op](got, maximum if value == "max" else float(value))
                     for op, value in expectation.bounds[question])
        else:
            ok = got == 0
        if not ok:
            problems.append(f"{question}: {got:g} of {maximum:g} (expected {describe_expected(expectation, question)})")
    return problems


def judge_limits(expectation: Expectation, limits_hit, cells) -> list[str]:
    problems = [f"limit {name!r} not named (limits_hit: {list(limits_hit)})"
                for name in sorted(expectation.limits) if name not in limits_hit]
    statuses = {cell.get("status") for cell in cells}
    problems += [f"no cell with status {status!r} (cells: {sorted(map(str, statuses))})"
                 for status in sorted(expectation.cells) if status not in statuses]
    return problems
