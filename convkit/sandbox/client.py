"""The grader's side of the sandbox: start sandboxes, send requests, enforce time limits.

A :class:`SandboxLauncher` starts one zygote per grading process (``import torch`` paid
once); each submission gets a fresh :class:`Sandbox` forked from it. Every request has a
deadline; a sandbox that misses it is killed, and one that dies is reported with how it
ended (exit code, signal, or the memory limit).

Everything that comes back from a sandbox is untrusted data: values are decoded by
:mod:`convkit.sandbox.codec`, and every text (exception messages, source lines, type
names) is capped here, so a submission cannot carry files out through its feedback.
"""
from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Literal

from convkit.limits import Limits
from convkit.sandbox import codec
from convkit.timings import CLOCK
from convkit.sandbox.codec import Handle

#: Longest student text (exception message, type name) that reaches feedback, in characters.
MESSAGE_CAP = 300
#: Longest source line shown with an error location (the student's own line).
WHERE_CAP = 160
NAME_CAP = 60


def capped(text, limit: int) -> str:
    """``text`` as a string of at most ``limit`` characters (an ellipsis marks a cut)."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SandboxFailure(Exception):
    """The sandbox cannot answer: it died, hung, or sent garbage. Fails the current test."""

    limit: str = ""


class SandboxDied(SandboxFailure):
    limit = "crash"


class CallTimeout(SandboxFailure):
    limit = "time"
    seconds: float = 0.0  # the limit it ran past


class OutOfMemory(SandboxDied):
    limit = "memory"


class SandboxUnavailable(RuntimeError):
    """The sandbox world cannot be built here: grading must stop, not go on unprotected."""


class StudentError(Exception):
    """Student code raised. Carries the exception type, message and the student's own line."""

    def __init__(self, info: dict):
        self.type_name = capped(info.get("type", "Exception"), NAME_CAP)
        self.message = capped(info.get("message", ""), MESSAGE_CAP)
        self.where = capped(info.get("where", ""), WHERE_CAP)
        self.function = capped(info.get("function", ""), NAME_CAP)
        bases = info.get("bases", ())
        self.bases = tuple(capped(b, NAME_CAP) for b in (bases if type(bases) in (list, tuple) else ())
                           if type(b) is str)[:50] or (self.type_name,)
        super().__init__(self.describe())

    def is_a(self, type_name: str) -> bool:
        """True when the student's exception is ``type_name`` or a subclass of it."""
        return type_name in self.bases

    def describe(self) -> str:
        text = f"{self.type_name}: {self.message}" if self.message else self.type_name
        return f"{text} (at {self.where})" if self.where else text


class SandboxLauncher:
    """Starts the zygote (a warm process with torch imported, inside the sandbox world) and forks sandboxes from it.

    ``plan`` is the run's :class:`~convkit.sandbox.isolation.Plan` (decided once, by the
    CLI); without one the strongest world this machine allows is used. ``private`` lists
    paths the sandbox world must not contain (the runtime is refused if it would).
    """

    def __init__(self, plan=None, private=None, fork: bool = False):
        from convkit.paths import private_paths
        from convkit.sandbox.isolation import decide

        self.plan = plan if plan is not None else decide(require=False)
        self.private = tuple(private_paths() if private is None else private)
        self.fork = fork  # only for a process that has imported no grader code (a batch worker)
        self._process = None
        self._control = None
        self._replies = None
        self._groups = None
        self._retiring = _Retirement()

    def start(self) -> None:
        """Start the zygote: forked from this process if it may be, else a new interpreter."""
        plan, private = self.plan.to_dict(), list(self.private)
        if self.fork and answer_keys_loaded():
            raise RuntimeError("refusing to fork the sandbox zygote: this process has loaded graders or the "
                               "reference, which sandboxes must never inherit")
        if self.fork:
            from convkit.sandbox.zygote import fork_zygote

            pid, self._control = fork_zygote(plan, private)
            self._process = _ForkedProcess(pid)
        else:
            ours, theirs = socket.socketpair()
            self._process = subprocess.Popen(
                [sys.executable, "-m", "convkit.sandbox.zygote", str(theirs.fileno()), json.dumps(plan),
                 json.dumps(private)],
                pass_fds=[theirs.fileno()], env=_zygote_environment(), stdin=subprocess.DEVNULL, cwd="/",
            )
            theirs.close()
            self._control = ours
        self._replies = self._control.makefile("rb")
        self._wait_ready()
        if self.plan.cgroups and self._groups is None:
            self._groups = _worker_groups()

    def _wait_ready(self) -> None:
        reply = json.loads(self._replies.readline() or b"{}")
        if not reply.get("ready"):
            self.close()
            reason = reply.get("error") or "it stopped while starting (see its output above)"
            raise SandboxUnavailable(f"cannot build the sandbox: {reason}")

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def describe(self) -> dict:
        """The isolation every result records: mode, protections, weaknesses."""
        return {"mode": self.plan.mode, "protections": list(self.plan.protections),
                "weaknesses": list(self.plan.weaknesses),
                "detail": {"protections": list(self.plan.protection_messages),
                           "weaknesses": list(self.plan.weakness_messages)}}

    def _command(self, command: dict, fds=()) -> dict:
        """Send a command to the zygote and wait for its reply.

        One command at a time: the socket is a stream, and the zygote reads each command with
        one ``recvmsg`` (two commands sent back to back could arrive as one read).
        """
        if not self.alive:
            self.start()
        socket.send_fds(self._control, [json.dumps(command).encode()], list(fds))
        line = self._replies.readline()
        if not line:
            raise SandboxDied("the sandbox zygote stopped")
        return json.loads(line)

    def spawn(self, limits: Limits, module_name: str = "__main__") -> "Sandbox":
        """Fork a fresh sandbox for one submission."""
        if not self.alive:
            self.start()
        ours, theirs = socket.socketpair()
        out_r, out_w = os.pipe()
        group = self._groups.create(limits.memory_bytes, limits.processes) if self._groups else None
        group_fds = group.open_procs() if group else []
        config = {"memory_bytes": limits.memory_bytes, "file_bytes": limits.file_bytes,
                  "processes": limits.processes, "scratch_bytes": limits.scratch_bytes, "module_name": module_name}
        try:
            reply = self._command({"cmd": "spawn", "config": config}, fds=(theirs.fileno(), out_w, *group_fds))
        finally:
            theirs.close()
            for fd in (out_w, *group_fds):
                os.close(fd)
        return Sandbox(self, reply["pid"], ours, out_r, limits, group)

    def status(self, pid: int) -> str:
        """How a sandbox ended ('exited with code 3', 'killed by signal 9 (SIGKILL)') or 'running'."""
        try:
            return self._command({"cmd": "status", "pid": pid})["status"]
        except (SandboxFailure, OSError):
            return "unknown"

    def cleanup(self) -> int:
        """Kill every sandbox of this launcher and what finished ones left behind (one sandbox runs at a time)."""
        try:
            return self._command({"cmd": "cleanup"})["killed"]
        except (SandboxFailure, OSError):
            return 0

    def close(self) -> None:
        if self._process is not None:
            try:
                self._replies.close()  # the socket only closes once its file wrapper is closed too
                self._control.close()
                self._process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self._process.kill()
                self._process.wait()
            self._process = None
        self._retiring.finish()
        if self._groups is not None:
            self._groups.close()
            self._groups = None

    def retire(self, group) -> None:
        """Remove a finished sandbox's control group in the background.

        Its processes were killed; a process with torch mapped takes tens of milliseconds to
        be torn down, and the grader need not wait for that before the next sandbox starts.
        """
        self._retiring.put(group)


class _Retirement:
    """A background thread that removes the control groups of killed sandboxes."""

    def __init__(self):
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = None

    def put(self, group) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="convkit-cgroup-retire", daemon=True)
            self._thread.start()
        self._queue.put(group)

    def _run(self) -> None:
        while (group := self._queue.get()) is not None:
            group.remove()

    def finish(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        self._thread = None


def answer_keys_loaded() -> bool:
    """Has this process imported a grader or the reference (modules a forked zygote would pass on)?"""
    from convkit.paths import GRADERS_DIR, KIT_ROOT, REFERENCE_DIR

    private = tuple(str(folder.resolve()) + os.sep for folder in (GRADERS_DIR, REFERENCE_DIR, KIT_ROOT / "autograder"))
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if file and os.path.realpath(file).startswith(private):
            return True
    return "reference" in sys.modules


def _zygote_environment() -> dict:
    """The zygote imports this very convkit, installed or not (an autograder zip ships it unpacked)."""
    import convkit

    package_root = os.path.dirname(os.path.dirname(os.path.abspath(convkit.__file__)))
    path = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p)
    return dict(os.environ, PYTHONWARNINGS="ignore", PYTHONPATH=path)


def _worker_groups():
    from convkit.sandbox import cgroups

    layout, _ = cgroups.detect()
    return cgroups.WorkerGroups(layout) if layout else None


class _ForkedProcess:
    """The little of ``subprocess.Popen`` that :class:`SandboxLauncher` uses, for a forked zygote."""

    def __init__(self, pid: int):
        self.pid, self.returncode = pid, None

    def poll(self):
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("zygote", timeout)
            time.sleep(0.01)
        return self.returncode

    def kill(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@dataclass
class CellReport:
    """How one cell of a submission ran."""

    index: int
    """Its position among the submission's code cells (0-based; -1 for the start-up)."""
    label: str
    """How feedback names it: ``"cell [3]"`` (its execution count) or ``"code cell 3"`` of a notebook, the file
    name for a statement of a ``.py`` file."""
    error: str | None = None
    """What went wrong, as the student sees it; None when it ran."""
    status: Literal["ok", "error", "timeout", "crashed"] = "ok"
    """``"error"``: it raised; ``"timeout"``: it ran past ``Limits.cell_seconds`` and was skipped;
    ``"crashed"``: it ended the process and was skipped."""


class _OutputTail:
    """Drains the sandbox's stdout/stderr, keeping only the first ``cap`` bytes."""

    def __init__(self, fd: int, cap: int):
        self.cap, self.kept, self.total = cap, bytearray(), 0
        self._thread = threading.Thread(target=self._drain, args=(fd,), daemon=True)
        self._thread.start()

    def _drain(self, fd: int) -> None:
        with os.fdopen(fd, "rb", buffering=0) as stream:
            while chunk := stream.read(65536):
                self.total += len(chunk)
                room = self.cap - len(self.kept)
                if room > 0:
                    self.kept += chunk[:room]

    def text(self) -> str:
        return self.kept.decode("utf-8", "replace")

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)


@dataclass
class Sandbox:
    """One submission's sandbox process, seen from the grader."""

    launcher: SandboxLauncher
    pid: int
    sock: socket.socket
    out_fd: int
    limits: Limits
    group: object = None  # its control group (convkit.sandbox.cgroups.SandboxGroup), if any
    dead: str = ""
    output: _OutputTail = field(init=False)
    loaded_cells: list = field(default_factory=list)  # reports of cells started so far
    ready_at: float = 0.0  # perf_counter() when it first reported (set up, about to run the first cell)

    def __post_init__(self):
        self.output = _OutputTail(self.out_fd, self.limits.output_bytes)

    # -- requests ---------------------------------------------------------------------
    def load(self, cells: list[tuple[str, str]], skip=()) -> list[CellReport]:
        """Run the cells in order under the per-cell time limit.

        Stops at the first cell that hangs or kills the process and reports it; the caller
        starts a new sandbox and skips that cell (see ``grading.session``).
        """
        self._send({"op": "load", "cells": cells, "skip": list(skip)})
        reports = self.loaded_cells = []
        while True:
            message = self._receive(self.limits.cell_seconds, what=self._cell_name(cells, reports))
            self.ready_at = self.ready_at or time.perf_counter()
            if "event" not in message:
                return reports
            if message["event"] == "cell_start":
                reports.append(CellReport(message["index"], cells[message["index"]][0]))
            elif message["event"] == "cell_done" and message.get("error"):
                reports[-1].error = StudentError(message["error"]).describe()
                reports[-1].status = "error"

    @staticmethod
    def _cell_name(cells, reports) -> str:
        return f"running {reports[-1].label}" if reports else "starting"

    def names(self, names) -> dict:
        return self._value(self._request({"op": "names", "names": list(names)}, "listing names"))

    def call(self, target, *args, seed=None, timeout=None, **kwargs):
        """Call a submission function by name (or a :class:`Handle`) and return its result."""
        request = {"op": "call", "target": target if isinstance(target, str) else codec.encode(target),
                   "args": codec.encode(list(args)), "kwargs": codec.encode(kwargs), "seed": seed}
        return self._result(request, f"calling {target if isinstance(target, str) else target.type_name}", timeout)

    def run(self, code: str, seed=None, timeout=None, **inputs):
        """Run a grader snippet next to the submission; it leaves its answer in ``result``."""
        request = {"op": "run", "code": code, "inputs": codec.encode(inputs), "seed": seed}
        return self._result(request, "running a grader probe", timeout)

    def _result(self, request, what, timeout):
        reply = self._request(request, what, timeout)
        value = self._value(reply)
        return value

    def _value(self, reply: dict):
        if "error" in reply:
            raise StudentError(reply["error"])
        try:
            return codec.decode(reply["ok"], handle_info=_handle_from_wire)
        except (codec.WireError, KeyError) as exc:
            raise SandboxFailure(f"the sandbox sent back something unreadable ({exc})") from None

    def _request(self, request: dict, what: str, timeout=None) -> dict:
        CLOCK.calls += 1
        with CLOCK.phase("grader calls"):
            self._send(request)
            return self._receive(timeout or self.limits.call_seconds, what)

    # -- transport --------------------------------------------------------------------
    def _send(self, request: dict) -> None:
        if self.dead:
            raise SandboxDied(f"not run: earlier in this question, {self.dead}")
        try:
            codec.send_frame(self.sock, request)
        except OSError:
            self._died("while receiving a request")

    def _receive(self, seconds: float, what: str) -> dict:
        self.sock.settimeout(seconds)
        try:
            message = codec.recv_frame(self.sock)
        except socket.timeout:
            self.kill()
            self.dead = f"stopped after {seconds:g} s without an answer ({what})"
            timeout = CallTimeout(self.dead)
            timeout.seconds = seconds
            raise timeout from None
        except (EOFError, OSError):
            self._died(what)
        except codec.WireError as exc:
            self.kill()
            self.dead = f"sent an unreadable message ({exc})"
            raise SandboxFailure(self.dead) from None
        if type(message) is not dict:
            self.kill()
            raise SandboxFailure("sent an unreadable message")
        return message

    def _died(self, what: str):
        status = "running"
        for _ in range(50):
            status = self.launcher.status(self.pid)
            if status != "running":
                break
            time.sleep(0.01)
        self.kill()
        if self.group is not None and self.group.oom_killed():
            self.dead = f"the process running your code was stopped: it used more than the memory limit while {what}"
            raise OutOfMemory(self.dead)
        self.dead = f"the process running your code ended ({status}) while {what}"
        raise SandboxDied(self.dead)

    def kill(self) -> None:
        for kill in (os.killpg, os.kill):
            try:
                kill(self.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    def close(self) -> None:
        """Kill the sandbox and everything it started; its files go with it."""
        self.kill()
        if self.group is not None:
            self.launcher.retire(self.group)
        try:
            self.sock.close()
        except OSError:
            pass
        self.launcher.cleanup()
        self.output.join(timeout=1.0)


def _handle_from_wire(handle_id: int, tree: dict) -> Handle:
    bases = tree.get("bases", ())
    bases = bases if type(bases) in (list, tuple) else ()
    return Handle(handle_id, capped(tree.get("type", ""), NAME_CAP),
                  tuple(capped(b, NAME_CAP) for b in bases if type(b) is str)[:50])
