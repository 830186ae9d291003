"""A warm parent for sandboxes: imports torch once, enters the sandbox world, then forks one sandbox per request.

``import torch`` costs seconds; forking a process that already has it costs milliseconds.
The zygote never imports the reference or the graders (it is started with ``exec``, or
forked from a grading worker *before* that worker imports them), so a sandbox forked from
it cannot find them in memory. It never touches CUDA either, so each sandbox may
initialise CUDA for itself.

Before it forks anything, the zygote enters the world its sandboxes will live in
(:func:`convkit.sandbox.isolation.enter_zygote_world`): a fresh root holding only the
Python runtime, its own namespaces, a uid of its own. What it cannot build it reports,
and the grader refuses to grade (see ``isolation.decide``).

It talks to its grader over one Unix socket, with JSON commands:

``spawn``    (with file descriptors: the sandbox's socket, its output pipe, and the control
             group it must join, if any) fork one sandbox
``status``   how a sandbox ended: still running, exit code or signal
``cleanup``  kill every sandbox, and what finished ones left behind
"""
from __future__ import annotations

import gc
import json
import os
import select
import signal
import socket
import sys
import time

from convkit.sandbox import linux


class Zygote:
    def __init__(self, control: socket.socket, world):
        self.control = control
        self.world = world
        self.statuses: dict[int, str] = {}
        self.sandboxes: set[int] = set()
        self.finished: list[int] = []  # sandboxes whose leftovers and folder await cleanup

    def run(self) -> None:
        while True:
            ready, _, _ = select.select([self.control], [], [], 0.2)
            self.reap()
            if not ready:
                continue
            try:
                data, fds, _, _ = socket.recv_fds(self.control, 65536, 8)
            except OSError:
                data, fds = b"", []
            if not data:
                self.cleanup()
                return
            command = json.loads(data)
            reply = getattr(self, "cmd_" + command["cmd"])(command, fds)
            self.control.sendall(json.dumps(reply).encode() + b"\n")

    # -- commands ---------------------------------------------------------------------
    def cmd_spawn(self, command, fds) -> dict:
        sock_fd, out_fd, *cgroup_fds = fds
        pid = os.fork()
        if pid == 0:
            self.control.close()
            _become_sandbox(self.world, sock_fd, out_fd, cgroup_fds, command["config"])  # never returns
        for fd in fds:
            os.close(fd)
        self.sandboxes.add(pid)
        return {"pid": pid}

    def cmd_status(self, command, fds) -> dict:
        self.reap()
        return {"status": self.statuses.get(command["pid"], "running")}

    def cmd_cleanup(self, command, fds) -> dict:
        return {"killed": self.cleanup()}

    # -- children ---------------------------------------------------------------------
    def reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if pid in self.sandboxes:
                self.sandboxes.discard(pid)
                self.statuses[pid] = _describe_status(status)
                self.finished.append(pid)

    def cleanup(self) -> int:
        """Kill every sandbox and whatever finished ones left behind.

        In the ``namespaces`` mode a sandbox's processes die with it (its PID namespace).
        Elsewhere orphans are re-parented to this process (a child subreaper) and killed
        here, together with every process still running under a finished sandbox's uid.
        """
        from convkit.sandbox import isolation

        killed = 0
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            strays = self._children()
            if not strays:
                break
            for pid in strays:
                _kill_group_and_process(pid)
                killed += 1
            _wait_for_exit(strays, min(0.05, max(0.0, deadline - time.monotonic())))
            self.reap()
        for pid in self.finished:
            isolation.end_leftovers(self.world, pid)
        self.finished = []
        return killed

    def _children(self) -> list[int]:
        """This process's children (the sandboxes, in a world without /proc)."""
        task_dir = f"/proc/{os.getpid()}/task"
        if not os.path.isdir(task_dir):
            return sorted(self.sandboxes)
        children = []
        for task in os.listdir(task_dir):
            try:
                with open(f"{task_dir}/{task}/children") as handle:
                    children.extend(int(p) for p in handle.read().split())
            except OSError:
                pass
        return children


def _kill_group_and_process(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _describe_status(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = str(number)
        return f"killed by signal {number} ({name})"
    return f"exited with code {os.WEXITSTATUS(status)}"


def _wait_for_exit(pids, seconds: float) -> None:
    """Wait until one of ``pids`` (children just killed) has ended, or ``seconds`` have passed.

    A killed process takes a few milliseconds to be torn down (a sandbox maps all of torch);
    a pidfd says exactly when, where polling would wait in steps of the poll interval.
    """
    descriptors = []
    try:
        for pid in pids:
            try:
                descriptors.append(os.pidfd_open(pid))
            except ProcessLookupError:
                return  # already gone: reap it now
        select.select(descriptors, [], [], seconds)
    except (AttributeError, OSError):  # no pidfd (Python < 3.9, Linux < 5.3): poll instead
        select.select([], [], [], min(seconds, 0.01))
    finally:
        for descriptor in descriptors:
            os.close(descriptor)


def _become_sandbox(world, sock_fd: int, out_fd: int, cgroup_fds, config: dict) -> None:
    """In the forked child: narrow the world, then serve the grader until it hangs up."""
    code = 0
    zygote_pid = os.getppid()
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        linux.prctl(linux.PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != zygote_pid:  # the zygote died between fork and prctl
            os._exit(1)
        _redirect_output(out_fd)
        from convkit.sandbox import isolation

        isolation.confine_sandbox(world, config, cgroup_fds, close_in_waiter=(sock_fd, 1, 2))
        linux.set_process_name("convkit-sandbox")
        import torch

        torch.set_num_threads(1)
        from convkit.sandbox import child

        child.serve(socket.socket(fileno=sock_fd), config.get("module_name", "__main__"))
    except BaseException:  # noqa: BLE001 - report and leave; the grader sees the death
        code = 1
        try:
            import traceback

            traceback.print_exc()
            sys.stderr.flush()
        except BaseException:
            pass
    os._exit(code)


def _redirect_output(out_fd: int) -> None:
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(out_fd, 1)
    os.dup2(out_fd, 2)
    os.close(devnull)
    os.close(out_fd)


def warm_up() -> None:
    """Pay for torch's lazy imports once, here, instead of in every sandbox.

    The first operation on a ``meta`` tensor imports sympy and torch's meta registrations
    (~2.5 s). None of this starts threads or touches CUDA, so forking afterwards stays safe.
    """
    import torch

    torch.set_num_threads(1)
    x = torch.ones(4, 4, device="meta")
    (x.unfold(0, 2, 1).unfold(1, 2, 1) * x[:2, :2]).sum((-1, -2)) @ x[:3]
    torch.ones(2, 2) @ torch.ones(2, 2)


def serve(control: socket.socket, plan: dict, private: list[str]) -> None:
    """Become the zygote on ``control``: enter the sandbox world, warm up, say ready, fork on request."""
    linux.prctl(linux.PR_SET_PDEATHSIG, signal.SIGKILL)
    linux.prctl(linux.PR_SET_CHILD_SUBREAPER, 1)
    linux.set_process_name("convkit-zygote")
    import torch

    torch.set_num_threads(1)
    from convkit.sandbox import child, isolation  # noqa: F401 - preload for the children

    try:
        world = isolation.enter_zygote_world(isolation.Plan.from_dict(plan), private)
    except Exception as error:  # noqa: BLE001 - the grader refuses to grade and says why
        control.sendall(json.dumps({"ready": False, "error": _reason(error)}).encode() + b"\n")
        return
    control.sendall(b'{"ready": true}\n')
    gc.collect()
    gc.freeze()  # sandboxes never scan (and so never copy) the objects they inherit from here
    Zygote(control, world).run()


def _reason(error: Exception) -> str:
    from convkit.errors import ConvkitError

    return str(error) if isinstance(error, (OSError, ConvkitError)) else f"{type(error).__name__}: {error}"


def fork_zygote(plan: dict, private: list[str]) -> tuple[int, socket.socket]:
    """Fork the calling process into a zygote; return its pid and our end of its socket.

    Cheaper than starting a new interpreter when the caller has imported torch already.
    The caller must not have imported the reference or the graders (the sandboxes would
    inherit them) nor touched CUDA. Every other inherited file descriptor is closed in the
    zygote, so sandboxes cannot reach the caller's pipes.
    """
    ours, theirs = socket.socketpair()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            ours.close()
            keep = theirs.fileno()
            os.closerange(3, keep)
            os.closerange(keep + 1, os.sysconf("SC_OPEN_MAX"))
            serve(theirs, plan, private)
        except BaseException:  # noqa: BLE001 - nothing may escape into the caller's code
            code = 1
        os._exit(code)
    theirs.close()
    return pid, ours


def main() -> None:
    """Started as a new interpreter: import torch, then serve from a forked, single-threaded child.

    ``import torch`` leaves a helper thread running, and a process with more than one
    thread may not enter a new user namespace; the child of a fork has exactly one. This
    process waits for it and ends with it.
    """
    control = socket.socket(fileno=int(sys.argv[1]))
    plan, private = json.loads(sys.argv[2]), json.loads(sys.argv[3])
    linux.prctl(linux.PR_SET_PDEATHSIG, signal.SIGKILL)
    warm_up()
    pid = os.fork()
    if pid == 0:
        try:
            serve(control, plan, private)
        finally:
            os._exit(0)
    control.close()
    _, status = os.waitpid(pid, 0)
    sys.exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 1)


if __name__ == "__main__":
    main()
