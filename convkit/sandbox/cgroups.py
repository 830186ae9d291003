"""Per-sandbox control groups: memory and process limits that hold for a whole process tree.

Resource limits (``setrlimit``) hold per process: four forked children may each use the
whole memory limit. A control group counts the sandbox and everything it starts together,
and can kill all of it at once. The grader creates one group per sandbox, passes the
sandbox a descriptor of the group's ``cgroup.procs`` (opened by the grader, so the kernel
checks the grader's rights, not the sandbox's) and the sandbox moves itself in before any
student code runs.

Two layouts exist in the wild: the unified hierarchy (cgroup v2: one tree, ``memory.max``,
``pids.max``, ``cgroup.kill``) and the older split one (v1: one tree per controller,
``memory.limit_in_bytes``, no kill switch). Both are used when the grader may create
groups (it runs as root); otherwise :func:`detect` says why not and limits fall back to
rlimits (see ``isolation``).
"""
from __future__ import annotations

import errno
import os
import secrets
import signal
import time
from dataclasses import dataclass
from pathlib import Path

MOUNTINFO = "/proc/self/mountinfo"


@dataclass(frozen=True)
class Hierarchy:
    """Where one tree is mounted and where this process sits in it."""

    mount: str
    own: str  # this process's group, relative to the mount

    @property
    def base(self) -> Path:
        return Path(self.mount) / self.own.lstrip("/")


@dataclass(frozen=True)
class Layout:
    version: str  # "v2" or "v1"
    memory: Hierarchy
    pids: Hierarchy

    def describe(self) -> str:
        return f"cgroup {self.version} (memory and process count per sandbox)"


def _mounts() -> list[tuple[str, str, str]]:
    """(mount point, file-system type, super options) of every mount."""
    found = []
    with open(MOUNTINFO) as info:
        for line in info:
            left, _, right = line.partition(" - ")
            fields, tail = left.split(), right.split()
            if len(fields) >= 5 and len(tail) >= 3:
                found.append((fields[4], tail[0], tail[2]))
    return found


def _own_groups() -> dict[str, str]:
    """controller (or '' for v2) -> this process's group path, from /proc/self/cgroup."""
    groups = {}
    with open("/proc/self/cgroup") as cgroups:
        for line in cgroups:
            _, controllers, path = line.rstrip("\n").split(":", 2)
            for name in controllers.split(",") if controllers else [""]:
                groups[name] = path
    return groups


def detect() -> tuple[Layout | None, str]:
    """The layout the grader can use, or None and the reason why none."""
    if os.geteuid() != 0:
        return None, "control groups need root (a delegated cgroup is not supported yet)"
    try:
        mounts, own = _mounts(), _own_groups()
    except OSError as error:
        return None, f"cannot read the control-group layout ({error.strerror})"
    v2 = next((m for m, kind, _ in mounts if kind == "cgroup2"), None)
    if v2 and {"memory", "pids"} <= set(_read(Path(v2) / "cgroup.controllers").split()):
        root = Hierarchy(v2, "/")  # children of the root group: no "no internal processes" rule there
        if os.access(v2, os.W_OK):
            return Layout("v2", root, root), ""
    v1 = {}
    for point, kind, options in mounts:
        for controller in ("memory", "pids"):
            if kind == "cgroup" and controller in options.split(",") and controller in own:
                v1[controller] = Hierarchy(point, own[controller])
    if len(v1) == 2 and all(os.access(h.base, os.W_OK) for h in v1.values()):
        return Layout("v1", v1["memory"], v1["pids"]), ""
    return None, "no writable control groups with the memory and pids controllers"


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""


def _write(path: Path, text: str) -> bool:
    try:
        path.write_text(text)
        return True
    except OSError:
        return False


class WorkerGroups:
    """The groups of one grading worker: ``convkit-<pid>`` with one child group per sandbox."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.name = f"convkit-{os.getpid()}-{secrets.token_hex(4)}"  # two launchers in one process never share
        self.count = 0
        self.parents = self._make_parents()

    def _make_parents(self) -> dict[str, Path]:
        parents = {}
        for controller, hierarchy in (("memory", self.layout.memory), ("pids", self.layout.pids)):
            _remove_abandoned(hierarchy.base)
            parent = hierarchy.base / self.name
            parent.mkdir(exist_ok=True)
            parents[controller] = parent
        if self.layout.version == "v2":
            _write(parents["memory"] / "cgroup.subtree_control", "+memory +pids")
        return parents

    def create(self, memory_bytes: int, processes: int) -> "SandboxGroup":
        if not all(parent.is_dir() for parent in self.parents.values()):
            self.parents = self._make_parents()  # removed from outside: make it again rather than fail every sandbox
        self.count += 1
        return SandboxGroup(self.layout, {c: p / f"sandbox-{self.count}" for c, p in self.parents.items()},
                            memory_bytes, processes)

    def close(self) -> None:
        for parent in set(self.parents.values()):
            for child in parent.glob("sandbox-*"):
                _remove(child)
            _remove(parent)


class SandboxGroup:
    """One sandbox's group (one directory per hierarchy; the same directory on v2)."""

    def __init__(self, layout: Layout, dirs: dict[str, Path], memory_bytes: int, processes: int):
        self.layout, self.dirs = layout, dirs
        for folder in set(dirs.values()):
            folder.mkdir()
        if layout.version == "v2":
            _write(dirs["memory"] / "memory.max", str(memory_bytes))
            _write(dirs["memory"] / "memory.swap.max", "0")
            _write(dirs["pids"] / "pids.max", str(processes))
        else:
            _write(dirs["memory"] / "memory.limit_in_bytes", str(memory_bytes))
            _write(dirs["memory"] / "memory.memsw.limit_in_bytes", str(memory_bytes))
            _write(dirs["pids"] / "pids.max", str(processes))

    def open_procs(self) -> list[int]:
        """Descriptors the sandbox writes ``0`` to, to move itself in (one per hierarchy)."""
        return [os.open(folder / "cgroup.procs", os.O_WRONLY | os.O_CLOEXEC) for folder in set(self.dirs.values())]

    def oom_killed(self) -> bool:
        """Did the kernel kill something in this group for lack of memory?"""
        folder = self.dirs["memory"]
        text = _read(folder / ("memory.events" if self.layout.version == "v2" else "memory.oom_control"))
        for line in text.splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill" and value.strip().isdigit():
                return int(value) > 0
        return self.layout.version == "v1" and _read(folder / "memory.failcnt").strip() not in ("", "0")

    def kill(self) -> None:
        """Kill every process in the group (``cgroup.kill`` on v2; one by one, until none is left, on v1)."""
        if self.layout.version == "v2" and _write(self.dirs["pids"] / "cgroup.kill", "1"):
            return
        for _ in range(200):
            pids = {int(p) for folder in set(self.dirs.values())
                    for p in _read(folder / "cgroup.procs").split() if p.isdigit()}
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.005)

    def remove(self) -> None:
        self.kill()
        for folder in set(self.dirs.values()):
            _remove(folder)


def _remove_abandoned(base: Path) -> None:
    """Groups left by a grader that was killed (its pid is gone): empty by now, so removable."""
    for parent in base.glob("convkit-*"):
        pid = parent.name.split("-")[1]
        if pid.isdigit() and not os.path.exists(f"/proc/{pid}"):
            for child in parent.glob("sandbox-*"):
                _remove(child)
            _remove(parent)


def _remove(folder: Path) -> None:
    """rmdir a group, retrying briefly while its last processes are being reaped."""
    for _ in range(100):
        try:
            folder.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError as error:
            if error.errno != errno.EBUSY:
                return
            time.sleep(0.01)
