"""Run a command where namespaces and mounts are refused, as in an unprivileged container.

    python tests/tools/deny_namespaces.py [--no-landlock] COMMAND [ARGS...]

Installs a seccomp filter (libseccomp, through ``pyseccomp``) and then ``execvp``s the
command, which inherits it with all its children. Refused with EPERM, as Docker's default
profile refuses them: ``unshare``, ``setns``, ``mount``, ``umount2``, ``pivot_root``, the
new mount API (``open_tree``, ``move_mount``, ``fsopen``, ``fsconfig``, ``fsmount``,
``fspick``, ``mount_setattr``) and ``clone`` with any namespace flag; ``clone3`` fails with
ENOSYS, as there, so that C libraries fall back to ``clone``, whose flags the filter can
read. Everything else is allowed, and no-new-privileges is left as it was (a container's
runtime loads its filter with CAP_SYS_ADMIN, not through no-new-privileges).

It stands in for a grader running as root in a container that refuses namespaces
(Gradescope, Docker's defaults) in the hostile-submission tests. ``--no-landlock`` also makes
Landlock's system calls fail with ENOSYS, as on a kernel without it: then no sandbox world
can be built at all, and convkit must refuse.
"""
from __future__ import annotations

import errno
import os
import sys

import pyseccomp as seccomp

REFUSED = ("unshare", "setns", "mount", "umount2", "pivot_root", "open_tree", "move_mount", "fsopen",
           "fsconfig", "fsmount", "fspick", "mount_setattr")
#: clone's namespace flags: CLONE_NEWTIME, NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET.
NAMESPACE_FLAGS = (0x80, 0x20000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000)


LANDLOCK = ("landlock_create_ruleset", "landlock_add_rule", "landlock_restrict_self")


def namespace_filter(landlock: bool = True) -> seccomp.SyscallFilter:
    refused = seccomp.ERRNO(errno.EPERM)
    rules = seccomp.SyscallFilter(seccomp.ALLOW)
    if os.geteuid() == 0:
        rules.set_attr(seccomp.Attr.CTL_NNP, 0)
    for name in REFUSED:
        rules.add_rule(refused, name)
    for flag in NAMESPACE_FLAGS:
        rules.add_rule(refused, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
    rules.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    if not landlock:
        for name in LANDLOCK:
            rules.add_rule(seccomp.ERRNO(errno.ENOSYS), name)
    return rules


def main(argv: list[str]) -> int:
    landlock = not (argv and argv[0] == "--no-landlock")
    argv = argv if landlock else argv[1:]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    namespace_filter(landlock).load()
    try:
        os.execvp(argv[0], argv)
    except OSError as error:
        print(f"deny_namespaces: cannot run {argv[0]}: {error.strerror}", file=sys.stderr)
        return 127


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
