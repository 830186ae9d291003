"""Run a command as a child subreaper, then name and end every process it left behind.

    python tests/tools/orphan_reaper.py --stdout FILE --stderr FILE -- COMMAND [ARGS...]

The reaper becomes a *child subreaper* (``PR_SET_CHILD_SUBREAPER``), so a process that
leaves the command's tree (double fork, new session, a killed parent) is re-parented to the
reaper instead of to init, and cannot hide. The conversation on the reaper's own stdin and
stdout, one JSON line each way:

1. when the command exits the reaper writes ``{"exit": <status>}`` (negative: a signal);
2. it then waits for a line on stdin (or end of input): the caller may first look at what
   the command wrote, and give leftovers time to act;
3. it lists every process still below it (pid, uid, name, command line), kills them all,
   reaps them, and writes ``{"leftovers": [...]}``.

Processes that already ended (zombies) are reaped but not listed: they are not running.
"""
from __future__ import annotations

import argparse
import ctypes
import json
import os
import signal
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def children_of(pid: int) -> list[int]:
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(p) for p in handle.read().split()]
        except OSError:
            pass
    return found


def descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        for child in children_of(stack.pop()):
            found.append(child)
            stack.append(child)
    return found


def describe(pid: int) -> dict | None:
    """pid, uid, name and command line of a running process; None for a zombie or a gone one."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            status = dict(line.split(":", 1) for line in handle if ":" in line)
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            cmdline = handle.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return None
    if status.get("State", "").strip().startswith("Z"):
        return None
    return {"pid": pid, "uid": int(status["Uid"].split()[0]), "name": status["Name"].strip(), "cmdline": cmdline[:300]}


def reap_all() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def collect_leftovers() -> list[dict]:
    """Name every process below us, then kill and reap them until none is left."""
    leftovers = {}
    for _ in range(200):
        below = descendants(os.getpid())
        if not below:
            break
        for pid in below:
            info = describe(pid)
            if info is not None:
                leftovers.setdefault(pid, info)
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.05)
        reap_all()
    return sorted(leftovers.values(), key=lambda info: info["pid"])


def say(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stdout", required=True)
    parser.add_argument("--stderr", required=True)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        print("orphan_reaper: cannot become a child subreaper", file=sys.stderr)
        return 2
    with open(args.stdout, "wb") as out, open(args.stderr, "wb") as err:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        say({"exit": process.wait()})
    sys.stdin.readline()
    say({"leftovers": collect_leftovers()})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
