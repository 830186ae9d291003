"""The seccomp filter every sandbox runs under: system calls student code never needs.

Built with libseccomp (through ``pyseccomp``), which handles the architecture checks
(a 32-bit or x32 system call cannot slip past a filter written for x86-64). The filter is
compiled once per zygote into a BPF program; each sandbox only loads it, after its
namespaces and mounts are in place and its capabilities are gone.

Refused with EPERM:

* escaping the file-system view: ``open_by_handle_at``/``name_to_handle_at`` (open any inode
  by number), every mount call (old and new API), ``pivot_root``, ``chroot``;
* new namespaces: ``unshare``, ``setns``, and ``clone`` with any namespace flag (``clone3``
  answers ENOSYS, so C libraries fall back to ``clone``, whose flags a filter can read);
* reaching other processes: ``ptrace``, ``process_vm_readv``/``writev``, ``kcmp``,
  ``pidfd_getfd``;
* the kernel's larger attack surface: ``bpf``, ``perf_event_open``, ``userfaultfd``, the
  key ring, ``io_uring`` (its operations bypass seccomp), modules, ``kexec``, ``reboot``;
* sockets: ``socket`` itself. The sandbox talks to its grader over a socket pair it
  inherits; student code has no use for a new socket, and refusing them closes network
  and file-system Unix sockets alike, whatever else the kernel offers.

Where no control group holds the sandbox's memory (an ordinary user without a delegated
cgroup), ``allow_processes=False`` also refuses new processes (``fork``, ``vfork``,
``clone`` without ``CLONE_THREAD``, ``execve``): threads share one address space, so the
per-process memory limit (``RLIMIT_AS``) then holds for the whole sandbox.
"""
from __future__ import annotations

import ctypes
import errno
import os

from convkit.sandbox import linux

DENIED = (
    "open_by_handle_at", "name_to_handle_at",
    "mount", "umount2", "pivot_root", "chroot", "move_mount", "open_tree", "fsopen", "fsconfig",
    "fsmount", "fspick", "mount_setattr",
    "unshare", "setns",
    "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
    "bpf", "perf_event_open", "userfaultfd", "keyctl", "add_key", "request_key",
    "io_uring_setup", "io_uring_enter", "io_uring_register",
    "init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load", "reboot",
    "swapon", "swapoff", "acct", "quotactl", "lookup_dcookie", "fanotify_init", "syslog",
    "socket",
)


class _SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


CLONE_THREAD = 0x00010000


def compile_filter(allow_processes: bool = True) -> bytes:
    """The filter as a BPF program (bytes), ready for :func:`install`."""
    try:
        import pyseccomp
    except (ImportError, RuntimeError) as error:  # RuntimeError: the package is there, libseccomp is not
        raise OSError(f"the seccomp filter needs pyseccomp and libseccomp ({error}); `pip install pyseccomp`, "
                      f"and install libseccomp2 (Debian/Ubuntu) or libseccomp (Fedora)") from None

    rules = pyseccomp.SyscallFilter(pyseccomp.ALLOW)
    for name in DENIED:
        _deny(rules, pyseccomp, name)
    for flag in _single_flags(linux.NAMESPACE_FLAGS):
        rules.add_rule(pyseccomp.ERRNO(errno.EPERM), "clone", pyseccomp.Arg(0, pyseccomp.MASKED_EQ, flag, flag))
    rules.add_rule(pyseccomp.ERRNO(errno.ENOSYS), "clone3")
    if not allow_processes:
        for name in ("fork", "vfork", "execve", "execveat"):
            _deny(rules, pyseccomp, name)
        rules.add_rule(pyseccomp.ERRNO(errno.EPERM), "clone", pyseccomp.Arg(0, pyseccomp.MASKED_EQ, CLONE_THREAD, 0))
    with os.fdopen(os.memfd_create("convkit-seccomp"), "w+b") as stream:
        rules.export_bpf(stream)
        stream.seek(0)
        return stream.read()


def _deny(rules, pyseccomp, name: str) -> None:
    try:
        rules.add_rule(pyseccomp.ERRNO(errno.EPERM), name)
    except (OSError, ValueError, RuntimeError):
        pass  # not a system call on this architecture (fork and vfork do not exist on arm64)


def _single_flags(mask: int) -> list[int]:
    return [1 << bit for bit in range(mask.bit_length()) if mask & (1 << bit)]


def install(program: bytes) -> None:
    """Load a compiled filter into this process (needs ``no_new_privs`` or CAP_SYS_ADMIN)."""
    count = len(program) // ctypes.sizeof(_SockFilter)
    instructions = (_SockFilter * count).from_buffer_copy(program)
    fprog = _SockFprog(count, instructions)
    SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC = 1, 1
    result = linux.libc.syscall(linux.syscall_number("seccomp"), SECCOMP_SET_MODE_FILTER,
                                SECCOMP_FILTER_FLAG_TSYNC, ctypes.byref(fprog))
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"loading the seccomp filter: {os.strerror(code)}")
