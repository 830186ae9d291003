"""Confinement of a sandbox process, applied after fork and before any student code runs.

Layers, each best effort so the kit still works where the kernel refuses one:

* resource limits: address space (memory), file size, no core dumps;
* a private mount namespace in which the kit's hidden folders (graders, reference,
  solutions, results) are covered by empty read-only tmpfs mounts, so student code can
  neither read the hidden tests nor write grades;
* a private network namespace (no network at all);
* when started as root, a switch to a user unique to the sandbox, which can no longer
  signal the grader or other sandboxes, or write files the grader owns, and whose
  process count is limited;
* a fresh working directory and a scrubbed environment.

None of this decides a score: scores are computed outside the sandbox. It protects the
grader's files and processes, and keeps hidden test code private.
"""
from __future__ import annotations

import ctypes
import os
import resource

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
SANDBOX_UID_BASE = 100_000
MAX_PROCESSES = 64  # per sandbox: its own threads count too (torch starts a few)
PR_SET_KEEPCAPS = 8
CAP_DAC_READ_SEARCH = 2
_LINUX_CAPABILITY_VERSION_3 = 0x20080522

_libc = ctypes.CDLL(None, use_errno=True)


def confine(config: dict) -> None:
    """Apply every layer that ``config`` asks for; failures of optional layers are ignored."""
    workdir = config.get("workdir") or "/tmp"
    _set_limits(config)
    if config.get("isolate", True):
        _enter_namespaces(config.get("hide", ()), workdir)
    os.chdir(workdir)
    _scrub_environment(workdir)


def _set_limits(config: dict) -> None:
    memory = config.get("memory_bytes")
    if memory:
        ceiling = _address_space_in_use() + int(memory)
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    file_size = int(config.get("file_bytes", 64 * 1024 * 1024))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _address_space_in_use() -> int:
    """Current virtual size: torch maps a lot up front, and the limit must sit above it."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _enter_namespaces(hide, workdir: str) -> None:
    uid, gid = os.getuid(), os.getgid()
    flags = CLONE_NEWNS | CLONE_NEWNET | (0 if uid == 0 else CLONE_NEWUSER)
    if _libc.unshare(flags) != 0 and _libc.unshare(CLONE_NEWNS | (0 if uid == 0 else CLONE_NEWUSER)) != 0:
        return  # no namespaces here: limits and the working directory still apply
    if uid != 0:
        _map_user(uid, gid)
    if _mount(None, "/", None, MS_REC | MS_PRIVATE, None) != 0:
        return
    for path in hide:
        _cover(path)
    if uid == 0:
        _drop_privileges(workdir)


def _map_user(uid: int, gid: int) -> None:
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
        try:
            with open(f"/proc/self/{name}", "w") as handle:
                handle.write(text)
        except OSError:
            pass


def _cover(path: str) -> None:
    """Hide a folder under an empty read-only tmpfs, or a file under /dev/null."""
    if os.path.isdir(path):
        _mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k,mode=555")
    elif os.path.exists(path):
        _mount("/dev/null", path, None, MS_BIND, None)


def _mount(source, target, fstype, flags, data) -> int:
    encode = lambda value: value.encode() if isinstance(value, str) else None  # noqa: E731
    return _libc.mount(encode(source), encode(target), encode(fstype), flags, encode(data))


def _drop_privileges(workdir: str) -> None:
    """Become a user of our own, unique to this sandbox, that may still *read* any file.

    The uid is ``SANDBOX_UID_BASE + pid``: no two live sandboxes share it, so one cannot
    signal another (a hostile submission graded beside an honest one cannot kill it), and
    ``RLIMIT_NPROC`` bounds this sandbox's processes alone (fork bombs). Python may live in
    a folder only root can read (``/root/.pyenv``) and lazy imports must keep working, so
    the right to read is kept; reading the hidden folders is prevented by the tmpfs covers.
    Everything else root may do is dropped: writing the grader's files, signalling its
    processes.
    """
    uid = SANDBOX_UID_BASE + os.getpid()
    os.chown(workdir, uid, uid)
    _libc.prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0)
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    _keep_only_capability(CAP_DAC_READ_SEARCH)
    resource.setrlimit(resource.RLIMIT_NPROC, (MAX_PROCESSES, MAX_PROCESSES))


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _keep_only_capability(capability: int) -> None:
    header = _CapHeader(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (_CapData * 2)()
    data[0].effective = data[0].permitted = 1 << capability
    _libc.capset(ctypes.byref(header), data)


def _scrub_environment(workdir: str) -> None:
    """Student code sees no grader paths or secrets through the environment."""
    keep = {k: os.environ[k] for k in ("PATH", "LANG", "LC_ALL", "CUDA_VISIBLE_DEVICES") if k in os.environ}
    os.environ.clear()
    os.environ.update(keep, HOME=workdir, TMPDIR=workdir, PYTHONWARNINGS="ignore")
