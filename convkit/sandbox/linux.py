"""Thin wrappers over the Linux system calls the sandbox is built from.

Python's standard library has no ``unshare``, ``mount``, ``pivot_root``, capabilities or
Landlock, so they are called through ``ctypes``. Each wrapper raises :class:`OSError`
with the call's name on failure: a sandbox that cannot be built must say which step
failed (the kit then refuses to grade), never carry on half-built.
"""
from __future__ import annotations

import ctypes
import errno
import os
import platform

CLONE_NEWNS = 0x00020000
CLONE_NEWCGROUP = 0x02000000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
CLONE_NEWTIME = 0x00000080
#: Every namespace flag: the seccomp filter refuses ``clone`` with any of them.
NAMESPACE_FLAGS = (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER
                   | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWTIME)

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MNT_DETACH = 2

PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_KEEPCAPS = 8
PR_SET_NAME = 15
PR_CAPBSET_DROP = 24
PR_SET_SECUREBITS = 28
PR_SET_NO_NEW_PRIVS = 38
PR_SET_CHILD_SUBREAPER = 36
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
#: SECBIT_NOROOT, SECBIT_NO_SETUID_FIXUP, SECBIT_KEEP_CAPS_LOCKED, SECBIT_NO_CAP_AMBIENT_RAISE and
#: their locks, except KEEP_CAPS itself: uid 0 gains nothing from execve.
SECUREBITS_LOCKED_DOWN = 0x01 | 0x02 | 0x04 | 0x08 | 0x20 | 0x40 | 0x80
CAP_DAC_READ_SEARCH = 2
O_PATH = 0o10000000

_SYSCALLS = {  # the calls glibc does not wrap
    "x86_64": {"pivot_root": 155, "seccomp": 317, "landlock_create_ruleset": 444,
               "landlock_add_rule": 445, "landlock_restrict_self": 446},
    "aarch64": {"pivot_root": 41, "seccomp": 277, "landlock_create_ruleset": 444,
                "landlock_add_rule": 445, "landlock_restrict_self": 446},
}

libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
libc.mount.argtypes = (ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p)
libc.umount2.argtypes = (ctypes.c_char_p, ctypes.c_int)
libc.unshare.argtypes = (ctypes.c_int,)
libc.prctl.argtypes = (ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong)


def syscall_number(name: str) -> int:
    machine = platform.machine()
    try:
        return _SYSCALLS[machine][name]
    except KeyError:
        raise OSError(errno.ENOSYS, f"{name} is not known on {machine}") from None


def _check(result: int, what: str) -> int:
    if result < 0:
        code = ctypes.get_errno()
        raise OSError(code, f"{what}: {os.strerror(code)}")
    return result


def _bytes(value) -> bytes | None:
    return os.fsencode(value) if value is not None else None


def unshare(flags: int) -> None:
    _check(libc.unshare(flags), "unshare")


def mount(source, target, fstype=None, flags: int = 0, data=None) -> None:
    _check(libc.mount(_bytes(source), _bytes(target), _bytes(fstype), flags, _bytes(data)), f"mount {target}")


def umount(target, flags: int = 0) -> None:
    _check(libc.umount2(_bytes(target), flags), f"umount {target}")


def pivot_root(new_root, put_old) -> None:
    _check(libc.syscall(syscall_number("pivot_root"), _bytes(new_root), _bytes(put_old)), "pivot_root")


def prctl(option: int, value: int = 0, arg3: int = 0) -> int:
    return _check(libc.prctl(option, value, arg3, 0, 0), f"prctl({option})")


def set_process_name(name: str) -> None:
    """The name ``ps`` shows (15 bytes): lets a TA tell a zygote or sandbox from a worker."""
    libc.prctl(PR_SET_NAME, ctypes.cast(ctypes.c_char_p(name.encode()[:15]), ctypes.c_void_p).value or 0, 0, 0, 0)


# ----------------------------------------------------------------- user namespaces
def write_id_maps(uid: int, gid: int, inside: int = 0, proc: int | None = None) -> None:
    """Map ``inside`` in the current (new) user namespace to ``uid``/``gid`` outside.

    ``proc`` is a directory descriptor of a procfs to use instead of ``/proc`` (the zygote
    may already have left the host's root when it needs this).
    """
    for name, text in (("setgroups", "deny"), ("uid_map", f"{inside} {uid} 1\n"), ("gid_map", f"{inside} {gid} 1\n")):
        fd = os.open(f"self/{name}" if proc is not None else f"/proc/self/{name}", os.O_WRONLY, dir_fd=proc)
        try:
            os.write(fd, text.encode())
        except OSError as error:
            raise OSError(error.errno, f"writing /proc/self/{name}: {error.strerror}") from None
        finally:
            os.close(fd)


# ----------------------------------------------------------------- capabilities
class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


_LINUX_CAPABILITY_VERSION_3 = 0x20080522
#: Highest capability number any kernel defines today (CAP_CHECKPOINT_RESTORE is 40).
_LAST_CAP_GUESS = 63


def drop_bounding_set(keep: tuple[int, ...] = ()) -> None:
    """Remove every capability but ``keep`` from the bounding set: no execve can grant one again."""
    for cap in range(_LAST_CAP_GUESS + 1):
        if cap in keep:
            continue
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0:
            code = ctypes.get_errno()
            if code == errno.EINVAL:  # past the last capability this kernel knows
                break
            raise OSError(code, f"dropping capability {cap} from the bounding set: {os.strerror(code)}")


def set_capabilities(keep: tuple[int, ...] = ()) -> None:
    """Effective and permitted sets become exactly ``keep``; inheritable and ambient become empty."""
    libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)  # EINVAL on old kernels: nothing to clear
    data = (_CapData * 2)()
    for cap in keep:
        data[cap // 32].effective |= 1 << (cap % 32)
        data[cap // 32].permitted |= 1 << (cap % 32)
    _check(libc.capset(ctypes.byref(_CapHeader(_LINUX_CAPABILITY_VERSION_3, 0)), data), "capset")


def capabilities() -> tuple[int, int]:
    """(effective, bounding) capability masks of this process, from /proc/self/status."""
    fields = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("CapEff", "CapBnd"):
                fields[key] = int(value.strip(), 16)
    return fields.get("CapEff", 0), fields.get("CapBnd", 0)


def no_new_privileges() -> None:
    prctl(PR_SET_NO_NEW_PRIVS, 1)
