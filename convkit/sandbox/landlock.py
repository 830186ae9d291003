"""Landlock: an allow-list of files for a process, without privileges or namespaces.

Where the kernel refuses new namespaces (Docker's default seccomp profile, Gradescope's
containers), Landlock still lets the sandbox restrict itself to the Python runtime
(read-only) and its own working directory, refuse TCP, and (ABI 6, Linux 6.12) stop
signalling or reaching abstract Unix sockets outside its own domain. Where namespaces
work, it is applied as well, over the fresh root, as a second wall.

Kernel interface: ``Documentation/userspace-api/landlock.rst``; three system calls, no
library needed.
"""
from __future__ import annotations

import ctypes
import os

from convkit.sandbox import linux

_VERSION_FLAG = 1
_RULE_PATH_BENEATH = 1

EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
_FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | (1 << 14) | (1 << 15)  # + TRUNCATE, IOCTL_DEV
#: Access rights each ABI version knows (a ruleset may only name rights the kernel knows).
_FS_RIGHTS = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 5: (1 << 16) - 1}
_NET_BIND_TCP, _NET_CONNECT_TCP = 1 << 0, 1 << 1
_SCOPE_ABSTRACT_UNIX, _SCOPE_SIGNAL = 1 << 0, 1 << 1


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def abi_version() -> int:
    """Landlock ABI of this kernel; 0 when Landlock is missing or disabled."""
    try:
        number = linux.syscall_number("landlock_create_ruleset")
    except OSError:
        return 0
    version = linux.libc.syscall(number, None, 0, _VERSION_FLAG)
    return max(int(version), 0)


def fs_rights(abi: int) -> int:
    return _FS_RIGHTS[max(v for v in _FS_RIGHTS if v <= abi)]


def restrict(read_only, read_write, abi: int) -> None:
    """Confine this process (and what it starts) to ``read_only`` and ``read_write`` paths.

    Everything else in the file system becomes unreachable, whatever the process's uid or
    capabilities. From ABI 4 TCP is refused too, from ABI 6 signals and abstract Unix
    sockets stop at the sandbox. Paths that do not exist are skipped.
    """
    handled = fs_rights(abi)
    attr = _RulesetAttr(handled, (_NET_BIND_TCP | _NET_CONNECT_TCP) if abi >= 4 else 0,
                        (_SCOPE_ABSTRACT_UNIX | _SCOPE_SIGNAL) if abi >= 6 else 0)
    size = 24 if abi >= 6 else 16 if abi >= 4 else 8
    ruleset = _call("landlock_create_ruleset", ctypes.byref(attr), size, 0)
    try:
        for path in read_only:
            _allow(ruleset, path, handled & (EXECUTE | READ_FILE | READ_DIR))
        for path in read_write:
            _allow(ruleset, path, handled)
        linux.no_new_privileges()
        _call("landlock_restrict_self", ruleset, 0)
    finally:
        os.close(ruleset)


def _allow(ruleset: int, path: str, rights: int) -> None:
    try:
        fd = os.open(path, linux.O_PATH | os.O_CLOEXEC)
    except FileNotFoundError:
        return
    try:
        if not os.path.isdir(path):
            rights &= _FILE_RIGHTS
        _call("landlock_add_rule", ruleset, _RULE_PATH_BENEATH, ctypes.byref(_PathBeneath(rights, fd)), 0)
    finally:
        os.close(fd)


def _call(name: str, *args) -> int:
    result = linux.libc.syscall(linux.syscall_number(name), *args)
    if result < 0:
        code = ctypes.get_errno()
        raise OSError(code, f"{name}: {os.strerror(code)}")
    return int(result)
