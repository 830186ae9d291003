"""Reading a submitted zip without trusting it: one member's bytes at a time, never ``extractall``.

A zip is refused as a whole, with one line saying why, when it cannot be read, is
encrypted, holds an entry that would land outside its folder (``../x``, ``/x``, ``C:x``)
or a symbolic link, has more than :data:`MAX_ENTRIES` entries, or declares more than
:data:`MAX_UNPACKED_BYTES` unpacked in all. The member that is graded must unpack to at
most :data:`MAX_FILE_BYTES` (counted while decompressing, whatever the header claims) and,
above 1 MiB, be compressed at most :data:`MAX_RATIO` to 1. Nothing inside a zip is ever run
or unpickled (an otter export's ``.OTTER_LOG`` is a pickle): only the chosen notebook or
``.py`` file is read, as text, by the grader.
"""
from __future__ import annotations

import hashlib
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

#: Largest notebook or .py file graded, loose or inside a zip.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Most a zip may declare unpacked, all entries together.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
#: Most entries in one zip.
MAX_ENTRIES = 10_000
#: Highest compression ratio accepted for a graded member larger than :data:`RATIO_FLOOR` bytes.
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024
_CHUNK = 1024 * 1024
#: Folders inside a zip that never hold a submission: macOS resource forks, Jupyter autosaves, caches.
IGNORED_FOLDERS = {"__MACOSX", ".ipynb_checkpoints", "__pycache__"}


class ZipRefused(Exception):
    """A zip (or one of its members) that will not be read; the message is the reason, for the TA."""


@dataclass(frozen=True)
class Member:
    name: str      # the entry's name, as stored ("conv-layer/conv-layer.ipynb")
    size: int      # declared unpacked size
    compressed: int


def unsafe_name(name: str) -> bool:
    """True when extracting ``name`` naively would write outside the folder it is extracted into."""
    normalised = name.replace("\\", "/")
    if normalised.startswith("/") or (len(normalised) > 1 and normalised[1] == ":"):
        return True
    return ".." in PurePosixPath(normalised).parts


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def list_members(path: Path) -> list[Member]:
    """The zip's file entries, after checking the whole archive is safe to read; raises :class:`ZipRefused`."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as error:
        raise ZipRefused(f"not a readable zip ({error})") from None
    except OSError as error:
        raise ZipRefused(f"cannot be read ({error.strerror or error})") from None
    if len(infos) > MAX_ENTRIES:
        raise ZipRefused(f"zip refused: {len(infos)} entries (at most {MAX_ENTRIES})")
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNPACKED_BYTES:
        raise ZipRefused(f"zip refused: it would unpack to {declared / 2**20:.0f} MiB "
                         f"(at most {MAX_UNPACKED_BYTES // 2**20} MiB): a zip bomb?")
    for info in infos:
        if unsafe_name(info.filename):
            raise ZipRefused(f"zip refused: entry {info.filename!r} points outside the archive's folder")
        if _is_symlink(info):
            raise ZipRefused(f"zip refused: entry {info.filename!r} is a symbolic link")
        if info.flag_bits & 0x1:
            raise ZipRefused(f"zip refused: entry {info.filename!r} is encrypted")
    return [Member(info.filename, info.file_size, info.compress_size) for info in infos if not info.is_dir()]


def ignored_member(name: str) -> bool:
    """Entries that are never candidates: hidden files (``.OTTER_LOG``) and macOS/Jupyter/cache folders."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return any(part.startswith(".") or part in IGNORED_FOLDERS for part in parts)


def read_member(path: Path, member: Member) -> bytes:
    """The member's bytes, decompressed with a running count so a lying header cannot exhaust memory."""
    if member.size > MAX_FILE_BYTES:
        raise ZipRefused(f"{member.name}: {member.size / 2**20:.0f} MiB unpacked (at most {MAX_FILE_BYTES // 2**20} MiB)")
    if member.size > RATIO_FLOOR and member.size > MAX_RATIO * max(member.compressed, 1):
        raise ZipRefused(f"zip refused: {member.name} is compressed {member.size // max(member.compressed, 1)} to 1 "
                         f"(at most {MAX_RATIO} to 1 above {RATIO_FLOOR // 2**20} MiB): a zip bomb?")
    limit = min(member.size, MAX_FILE_BYTES)
    chunks, total = [], 0
    try:
        with zipfile.ZipFile(path) as archive, archive.open(member.name) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise ZipRefused(f"zip refused: {member.name} unpacks to more than its header says (a zip bomb?)")
                chunks.append(chunk)
    except (zipfile.BadZipFile, EOFError, RuntimeError, NotImplementedError, ValueError) as error:
        raise ZipRefused(f"{member.name} cannot be unpacked ({error})") from None
    except OSError as error:
        raise ZipRefused(f"cannot be read ({error.strerror or error})") from None
    return b"".join(chunks)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
