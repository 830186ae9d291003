"""A warm parent for sandboxes: imports torch once, then forks one fresh process per submission.

``import torch`` costs seconds; forking a process that already has it costs milliseconds.
The zygote never imports the reference or the graders (it is started with ``exec``, not
forked from a grader), so a sandbox forked from it cannot find them in memory. It never
touches CUDA either, so each sandbox may initialise CUDA for itself.

The zygote is a *child subreaper*: processes that a submission leaves behind (background
workers, fork loops) are re-parented to it when the sandbox dies, and ``cleanup`` kills
them. It talks to its grader over one Unix socket, with JSON commands:

``spawn``    (with two file descriptors: the sandbox's socket and its output pipe) fork one
``status``   how a sandbox ended: still running, exit code or signal
``cleanup``  kill every child except the given ones (leftovers of finished sandboxes)
"""
from __future__ import annotations

import ctypes
import json
import os
import select
import signal
import socket
import sys

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36

_libc = ctypes.CDLL(None, use_errno=True)


def prctl(option: int, value: int) -> None:
    _libc.prctl(option, value, 0, 0, 0)


class Zygote:
    def __init__(self, control: socket.socket):
        self.control = control
        self.statuses: dict[int, str] = {}
        self.sandboxes: set[int] = set()

    def run(self) -> None:
        while True:
            ready, _, _ = select.select([self.control], [], [], 0.2)
            self.reap()
            if not ready:
                continue
            try:
                data, fds, _, _ = socket.recv_fds(self.control, 65536, 4)
            except OSError:
                data, fds = b"", []
            if not data:
                self.cleanup(keep=())
                return
            command = json.loads(data)
            reply = getattr(self, "cmd_" + command["cmd"])(command, fds)
            self.control.sendall(json.dumps(reply).encode() + b"\n")

    # -- commands ---------------------------------------------------------------------
    def cmd_spawn(self, command, fds) -> dict:
        sock_fd, out_fd = fds
        pid = os.fork()
        if pid == 0:
            self.control.close()
            _become_sandbox(sock_fd, out_fd, command["config"])  # never returns
        os.close(sock_fd)
        os.close(out_fd)
        self.sandboxes.add(pid)
        return {"pid": pid}

    def cmd_status(self, command, fds) -> dict:
        self.reap()
        return {"status": self.statuses.get(command["pid"], "running")}

    def cmd_cleanup(self, command, fds) -> dict:
        return {"killed": self.cleanup(keep=set(command.get("keep", ())))}

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

    def cleanup(self, keep) -> int:
        """Kill every child not in ``keep``, repeatedly, as orphans keep arriving."""
        killed = 0
        for _ in range(100):
            strays = [pid for pid in _children(os.getpid()) if pid not in keep]
            if not strays:
                break
            for pid in strays:
                for kill in (os.killpg, os.kill):
                    try:
                        kill(pid, signal.SIGKILL)
                    except (ProcessLookupError, PermissionError):
                        pass
                killed += 1
            _sleep(0.01)
            self.reap()
        return killed


def _children(pid: int) -> list[int]:
    children = []
    task_dir = f"/proc/{pid}/task"
    for task in os.listdir(task_dir):
        try:
            with open(f"{task_dir}/{task}/children") as handle:
                children.extend(int(p) for p in handle.read().split())
        except OSError:
            pass
    return children


def _describe_status(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = str(number)
        return f"killed by signal {number} ({name})"
    return f"exited with code {os.WEXITSTATUS(status)}"


def _sleep(seconds: float) -> None:
    select.select([], [], [], seconds)


def _become_sandbox(sock_fd: int, out_fd: int, config: dict) -> None:
    """In the forked child: isolate, limit, then serve the grader until it hangs up."""
    code = 0
    try:
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        _redirect_output(out_fd)
        from convkit.sandbox import isolation

        isolation.confine(config)
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the zygote died between fork and prctl
            os._exit(1)
        import torch

        torch.set_num_threads(int(config.get("threads", 1)))
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
    (~2.5 s); the first dispatch-mode trace imports more. None of this starts threads or
    touches CUDA, so forking afterwards stays safe.
    """
    import torch

    from convkit.sandbox.child import _OpRecorder

    x = torch.ones(4, 4, device="meta")
    with _OpRecorder():
        (x.unfold(0, 2, 1).unfold(1, 2, 1) * x[:2, :2]).sum((-1, -2)) @ x[:3]
        torch.ones(2, 2) @ torch.ones(2, 2)


def serve(control: socket.socket) -> None:
    """Become the zygote on ``control``: preload, warm up, say ready, then fork on request."""
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    prctl(PR_SET_CHILD_SUBREAPER, 1)
    from convkit.sandbox import child, isolation  # noqa: F401 - preload for the children

    warm_up()
    control.sendall(b'{"ready": true}\n')
    Zygote(control).run()


def fork_zygote() -> tuple[int, socket.socket]:
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
            serve(theirs)
        except BaseException:  # noqa: BLE001 - nothing may escape into the caller's code
            code = 1
        os._exit(code)
    theirs.close()
    return pid, ours


def main() -> None:
    serve(socket.socket(fileno=int(sys.argv[1])))


if __name__ == "__main__":
    main()
