"""Grading one folder on several machines: ``convkit grade --shard K/N`` and ``convkit merge``.

Each machine reads the whole folder (names, roster, what is not graded: all cheap) and grades
only its students: a student belongs to shard ``1 + hash(student) mod N``, the hash of their
name as convkit compares names (case, spaces, ``_`` and ``-`` ignored), so a student stays on
the same shard however many files are added or removed for others. A shard's output folder
is an ordinary output (its grade sheet lists its own students) plus ``shard.json``, which says
which shard it is, which students it graded, and what every shard must agree on: the
assignment, the number of shards, every student of the folder (a digest), the files not
graded, the exports asked for.

``convkit merge OUT1 ... OUTN --output OUT`` checks that the N shards are all there and agree,
checks each result's signature with its shard's key, and writes OUT exactly as one machine
grading the whole folder would: results (signed with OUT's key, so a later ``convkit grade
--output OUT`` resumes from them), grade sheet, feedback, report, figure and platform files,
through the same writer (:func:`convkit.reports.write_outputs`).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from convkit.errors import ConvkitError
from convkit.intake import Intake, NotGraded
from convkit.intake.names import normalise

MANIFEST = "shard.json"
FORMAT = "convkit-shard/1"


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/5"`` -> ``(2, 5)``; shards count from 1."""
    try:
        k, n = (int(part) for part in str(text).split("/"))
    except ValueError:
        raise ConvkitError(f"--shard {text}: expected K/N, e.g. 2/5 (shard 2 of 5)") from None
    if not 1 <= k <= n:
        raise ConvkitError(f"--shard {text}: K must be between 1 and N")
    return k, n


def shard_of(student: str, shards: int) -> int:
    """The shard (1..``shards``) a student belongs to, whatever else is in the folder."""
    digest = hashlib.sha256(normalise(student).encode("utf-8")).digest()
    return 1 + int.from_bytes(digest[:8], "big") % shards


@dataclass
class Shard:
    """What a shard graded, and what every shard of the folder must agree on."""

    shard: int
    of: int
    assignment: str
    keys: list[str]
    students: int
    folder_digest: str
    not_graded: list[NotGraded]
    settings: dict = field(default_factory=dict)  # exports, canvas assignment, roster: the same on every shard
    isolation: str = ""

    def to_json(self) -> str:
        data = {"format": FORMAT, "shard": self.shard, "of": self.of, "assignment": self.assignment,
                "students": self.students, "folder_digest": self.folder_digest, "keys": self.keys,
                "not_graded": [[item.path, item.reason] for item in self.not_graded], "settings": self.settings,
                "isolation": self.isolation}
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def read(cls, folder: Path) -> "Shard":
        path = Path(folder) / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConvkitError(f"{folder}: not a shard's output (no {MANIFEST}); grade with --shard K/N") from None
        except (OSError, ValueError) as error:
            raise ConvkitError(f"{path}: unreadable ({error})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ConvkitError(f"{path}: not a convkit shard manifest ({FORMAT})")
        try:
            return cls(int(data["shard"]), int(data["of"]), str(data["assignment"]), [str(k) for k in data["keys"]],
                       int(data["students"]), str(data["folder_digest"]),
                       [NotGraded(str(p), str(r)) for p, r in data["not_graded"]], dict(data.get("settings", {})),
                       str(data.get("isolation", "")))
        except (KeyError, TypeError, ValueError) as error:
            raise ConvkitError(f"{path}: malformed ({type(error).__name__}: {error})") from None


def select(intake: Intake, shard: int, shards: int) -> tuple[Intake, dict]:
    """This shard's part of ``intake`` (its students' entries, every file not graded), and what identifies
    the whole folder (``students``, ``folder_digest``) for the manifest."""
    everyone = sorted(entry.key for entry in intake.entries)
    mine = [entry for entry in intake.entries if shard_of(entry.student, shards) == shard]
    identity = {"students": len(everyone), "folder_digest": hashlib.sha256("\n".join(everyone).encode()).hexdigest()}
    return Intake(mine, intake.not_graded, intake.folder), identity


def write_manifest(output: Path, manifest: Shard) -> Path:
    from convkit.grading.results import write_atomically

    path = Path(output) / MANIFEST
    write_atomically(path, manifest.to_json())
    return path


# ------------------------------------------------------------------ merging
@dataclass
class Merged:
    assignment: str
    results: list
    keys: list[str]
    not_graded: list[NotGraded]
    settings: dict
    isolation: list[str]


def merge(folders, output: Path) -> Merged:
    """Read and check N shard outputs; return every result (checked against its shard's key) in the order
    one machine would have them, and what the outputs need."""
    folders = [Path(f) for f in folders]
    if not folders:
        raise ConvkitError("merge: give the output folders of every shard")
    if any(f.resolve() == Path(output).resolve() for f in folders):
        raise ConvkitError(f"{output}: the merged output must be a folder of its own, not one of the shards'")
    shards = [Shard.read(f) for f in folders]
    _check_agreement(folders, shards)
    results, keys = [], []
    for folder, shard in zip(folders, shards):
        for key, result in _results(folder, shard):
            results.append(result)
            keys.append(key)
    if len(set(keys)) != len(keys):
        raise ConvkitError("merge: a student appears in two shards (were they graded with different rosters?)")
    order = sorted(range(len(keys)), key=lambda i: (results[i].student.casefold(), keys[i]))  # as intake sorts
    not_graded = sorted({item for shard in shards for item in shard.not_graded}, key=lambda item: item.path)
    isolation = sorted({shard.isolation for shard in shards if shard.isolation})
    return Merged(shards[0].assignment, [results[i] for i in order], [keys[i] for i in order], not_graded,
                  shards[0].settings, isolation)


def _check_agreement(folders, shards) -> None:
    first = shards[0]
    for folder, shard in zip(folders, shards):
        for name in ("assignment", "of", "students", "folder_digest", "settings"):
            if getattr(shard, name) != getattr(first, name):
                what = {"students": "the students in the folder", "folder_digest": "the students in the folder",
                        "of": "the number of shards", "settings": "the exports or roster"}.get(name, name)
                raise ConvkitError(f"merge: {folder} and {folders[0]} differ in {what}: they are not shards of one "
                                   f"grading run (grade every shard from the same folder and options)")
    numbers = sorted(shard.shard for shard in shards)
    if numbers != list(range(1, first.of + 1)):
        missing = sorted(set(range(1, first.of + 1)) - set(numbers))
        repeated = sorted({n for n in numbers if numbers.count(n) > 1})
        parts = ([f"missing shard{'s' if len(missing) > 1 else ''} {', '.join(map(str, missing))}"] if missing else []) + \
                ([f"shard {', '.join(map(str, repeated))} given twice"] if repeated else [])
        raise ConvkitError(f"merge: {first.of} shards expected: " + "; ".join(parts))
    if sum(len(shard.keys) for shard in shards) != first.students:
        raise ConvkitError(f"merge: the shards hold {sum(len(s.keys) for s in shards)} students, the folder "
                           f"{first.students}")


def _results(folder: Path, shard: Shard):
    from convkit.grading.batch import result_path
    from convkit.grading.results import KEY_FILE, UnsignedResult, load_result

    key_file = folder / KEY_FILE
    try:
        secret = bytes.fromhex(key_file.read_text().strip())
    except (OSError, ValueError):
        raise ConvkitError(f"{folder}: its signing key ({key_file.name}) is missing: copy the whole output folder") \
            from None
    for key in shard.keys:
        path = result_path(folder, key)
        try:
            yield key, load_result(path, secret)
        except UnsignedResult as error:
            raise ConvkitError(f"{folder}: {error}; grade that shard again") from None
        except (OSError, ValueError, TypeError, KeyError) as error:
            raise ConvkitError(f"{path}: missing or unreadable ({type(error).__name__}); grade that shard again") \
                from None
