"""The warm checker: a learner's second ``convkit check`` in about a second.

``convkit check`` pays ``import torch``, a sandbox zygote and the graders' collection at every
run (several seconds); a learner runs it again after every fix. So the first check starts,
per user, a small server (this module, ``python -m convkit.warm_check serve``) that keeps a
warm grading worker (:class:`convkit.grading.batch.WarmGrader`, the batch's own) and grades
each later check through it. Everything else about a check stays in the ``convkit check``
process: reading the file, choosing the assignment, deciding the sandbox plan (so it refuses,
and notes weaknesses, exactly as a direct check does), printing the feedback and the exit
status. Student code still runs only in a fresh sandbox per check, forked by the worker's
zygote; the server and its worker are grader-side processes of the user.

Where it lives, and who may talk to it:

- its socket is ``$XDG_RUNTIME_DIR/convkit/`` (or ``/tmp/convkit-<uid>/``), a folder made
  with mode 0700 and checked to be the user's own, not a link, and closed to others before
  use; the socket itself is 0600; each side checks the other's uid (``SO_PEERCRED``);
- the socket's name holds a fingerprint of the kit, the graders, the reference, the Python
  and its installed packages, and the environment convkit reads: a change of any of them
  means a new server, and the server also stops by itself when it sees its fingerprint change;
- it stops after ``CONVKIT_CHECK_IDLE`` seconds without a check (default 300), and with
  ``convkit check --stop``.

Whenever it cannot be used (no private folder, a socket it cannot reach, a server that fails
to start or dies), ``convkit check`` grades directly, as before; ``--direct`` asks for that.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import socket
import struct
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

from convkit.errors import ConvkitError
from convkit.limits import Limits

IDLE_SECONDS = 300.0
#: Longest request or reply line accepted (a result with every test and message is well below this).
MAX_MESSAGE = 64 * 1024 * 1024
#: How long a client waits for a new server to listen.
START_SECONDS = 30.0


class WarmUnavailable(Exception):
    """The warm checker cannot be used here or now: grade directly."""


class UnsafeFolder(WarmUnavailable):
    """The socket's folder is not this user's own, closed to others: never used (and ``convkit check`` says so)."""


# ------------------------------------------------------------------ where, and which
def runtime_dir(create: bool = True) -> Path:
    """This user's private folder for the server's socket: made 0700, refused unless it is the user's own."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    folder = Path(base) / "convkit" if base and os.path.isdir(base) else \
        Path(os.environ.get("TMPDIR", "/tmp")) / f"convkit-{os.getuid()}"
    if create:
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
        except OSError as error:
            raise WarmUnavailable(f"cannot make {folder}: {error.strerror}") from None
    try:
        info = os.lstat(folder)
    except OSError as error:
        raise WarmUnavailable(f"{folder}: {error.strerror}") from None
    if not os.path.isdir(folder) or os.path.islink(folder) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise UnsafeFolder(f"{folder} is not a folder of yours that only you can open (mode 0700); "
                           f"remove it, or set XDG_RUNTIME_DIR")
    return folder


def fingerprint() -> str:
    """Changes when anything a check depends on changes: the kit, the graders, the reference, the Python,
    its installed packages, or the environment convkit reads."""
    from convkit.paths import GRADERS_DIR, KIT_ROOT, REFERENCE_DIR

    digest = hashlib.sha256()
    for folder in (KIT_ROOT / "convkit", GRADERS_DIR, REFERENCE_DIR):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".json") and path.is_file():
                digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    digest.update(f"{sys.executable}\0{sys.version}\0{KIT_ROOT}".encode())
    for name in ("CONVKIT_ROOT", "CONVKIT_PRIVATE", "PYTHONPATH", "HOME"):
        digest.update(f"{name}={os.environ.get(name, '')}\0".encode())
    for folder in sorted({p for p in sys.path if p.endswith("-packages") and os.path.isdir(p)}):
        digest.update("\0".join(sorted(n for n in os.listdir(folder) if n.endswith((".dist-info", ".egg-info")))).encode())
    return digest.hexdigest()[:20]


def _kit_tag() -> str:
    """Servers of one kit checkout share this prefix: a new server stops the older ones of its kit."""
    from convkit.paths import KIT_ROOT

    return hashlib.sha256(str(KIT_ROOT).encode()).hexdigest()[:8]


def socket_path(folder: Path, print_: str) -> Path:
    return folder / f"check-{_kit_tag()}-{print_}.sock"


# ------------------------------------------------------------------ client side
class Client:
    """One check through this user's warm checker: :func:`begin` finds it, or starts one without waiting
    for it; :meth:`check` then asks (waiting for a new server to listen)."""

    def __init__(self, folder: Path, address: Path, kit_print: str):
        self.folder, self.address, self.kit_print = folder, address, kit_print
        self.connection: socket.socket | None = None

    def check(self, path: Path, assignment: str, questions, limits: Limits, plan, private) -> dict:
        """Grade ``path``; the result as a dict. :class:`WarmUnavailable`: check directly instead;
        :class:`ConvkitError`: what a direct check would refuse or fail with."""
        request = {"path": str(Path(path).resolve()), "assignment": assignment, "questions": list(questions or ()),
                   "limits": asdict(limits), "plan": plan.to_dict(), "private": list(private),
                   "print": self.kit_print}
        connection, self.connection = self.connection or _connect_soon(self.address), None
        reply = _ask(connection, request, limits.submission_seconds + limits.worker_slack_seconds + START_SECONDS)
        if "result" in reply:
            return reply["result"]
        if "error" in reply:
            raise ConvkitError(reply["error"])
        raise WarmUnavailable(reply.get("unavailable", "the warm checker gave no result"))


def begin() -> Client:
    """Find this user's warm checker for this kit, or start one (without waiting for it)."""
    folder = runtime_dir()
    kit_print = fingerprint()
    address = socket_path(folder, kit_print)
    if len(str(address).encode()) > 100:
        raise WarmUnavailable(f"{address}: path too long for a socket")
    client = Client(folder, address, kit_print)
    try:
        client.connection = _connect(address)
    except WarmUnavailable:
        _start_server(folder, address)
    return client


def _connect_soon(address: Path) -> socket.socket:
    """Connect, waiting for a server that is starting to listen."""
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            return _connect(address)
        except WarmUnavailable:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _connect(address: Path) -> socket.socket:
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.connect(str(address))
    except OSError as error:
        client.close()
        raise WarmUnavailable(f"{address.name}: {error.strerror}") from None
    if _peer_uid(client) != os.getuid():  # only ever a server of this user's own
        client.close()
        raise WarmUnavailable(f"{address} is served by another user")
    return client


def _listening(address: Path) -> bool:
    try:
        _connect(address).close()
    except WarmUnavailable:
        return False
    return True


def _peer_uid(connection: socket.socket) -> int:
    credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", credentials)[1]


@contextlib.contextmanager
def _locked(path: Path):
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _start_server(folder: Path, address: Path) -> None:
    """Start a server in a session of its own, detached from this terminal; its errors go to ``server.log``."""
    log = os.open(folder / "server.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
    try:
        subprocess.Popen([sys.executable, "-m", "convkit.warm_check", "serve", str(address), address.stem.split("-")[-1]],
                         stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd="/", start_new_session=True,
                         env=dict(os.environ, PYTHONWARNINGS="ignore"))
    except OSError as error:
        raise WarmUnavailable(f"cannot start the warm checker: {error.strerror}") from None
    finally:
        os.close(log)


def _ask(connection: socket.socket, request: dict, seconds: float) -> dict:
    with connection:
        connection.settimeout(seconds)
        try:
            connection.sendall(json.dumps(request).encode() + b"\n")
            line = _read_line(connection)
        except (OSError, ValueError) as error:
            raise WarmUnavailable(f"the warm checker did not answer ({error})") from None
    if not line:
        raise WarmUnavailable("the warm checker stopped")
    try:
        return json.loads(line)
    except ValueError:
        raise WarmUnavailable("the warm checker sent something unreadable") from None


def _read_line(connection: socket.socket) -> bytes:
    chunks, size = [], 0
    while True:
        chunk = connection.recv(1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if chunk.endswith(b"\n"):
            break
        if size > MAX_MESSAGE:
            raise ValueError("message too long")
    return b"".join(chunks)


def _servers(folder: Path) -> list[Path]:
    return sorted(folder.glob("check-*.sock"))


def _stop_older(folder: Path, address: Path) -> None:
    """Stop the servers of this kit started before it changed (they would stop at their next check anyway)."""
    prefix = f"check-{_kit_tag()}-"
    for other in _servers(folder):
        if other != address and other.name.startswith(prefix):
            _stop(other)


def _stop(address: Path) -> bool:
    try:
        reply = _ask(_connect(address), {"stop": True}, 10.0)
    except WarmUnavailable:
        with contextlib.suppress(FileNotFoundError):
            address.unlink()  # nobody listens: a server that was killed
        return False
    return bool(reply.get("stopped"))


def stop_all() -> int:
    """Stop every warm checker of this user (``convkit check --stop``); how many were running."""
    try:
        folder = runtime_dir(create=False)
    except WarmUnavailable:
        return 0
    return sum(_stop(address) for address in _servers(folder))


# ------------------------------------------------------------------ server side
class Server:
    """Answers checks on one socket with one warm worker (per sandbox plan), until idle, stopped or stale."""

    def __init__(self, address: Path, print_: str, idle_seconds: float):
        """Listen on ``address``; :class:`WarmUnavailable` if another server already does (clients that
        start one at the same moment: one wins)."""
        self.address, self.print, self.idle = address, print_, idle_seconds
        self.graders: dict[str, object] = {}
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        with _locked(address.parent / "start.lock"):
            if _listening(address):
                self.listener.close()
                raise WarmUnavailable(f"{address.name} is served already")
            with contextlib.suppress(FileNotFoundError):
                address.unlink()  # left by a server that was killed
            old_mask = os.umask(0o177)
            try:
                self.listener.bind(str(address))  # made 0600: only this user may connect
            finally:
                os.umask(old_mask)
            os.chmod(address, 0o600)
            self.inode = os.stat(address).st_ino
            self.listener.listen(16)
        _stop_older(address.parent, address)

    def prewarm(self) -> None:
        """Start the worker now, with the plan and private paths a check from this environment will bring
        (decided the same way): it warms up while the first client is still reading its file."""
        from convkit.assignments import ASSIGNMENTS
        from convkit.grading.batch import WarmGrader
        from convkit.paths import private_paths
        from convkit.sandbox.isolation import decide

        try:
            plan, private = decide(require=False), private_paths()
        except ConvkitError:
            return  # the first check decides (and refuses) for itself
        key = json.dumps([plan.to_dict(), private], sort_keys=True)
        self.graders[key] = WarmGrader(next(iter(ASSIGNMENTS.values())), Limits(), plan, private)
        self.graders[key].start()

    def run(self) -> None:
        try:
            self.prewarm()
            while True:
                self.listener.settimeout(self.idle)
                try:
                    connection, _ = self.listener.accept()
                except socket.timeout:
                    return
                with connection:
                    if _peer_uid(connection) != os.getuid():
                        continue
                    if not self.answer(connection):
                        return
        finally:
            self.close()

    def answer(self, connection: socket.socket) -> bool:
        """Answer one request; False when the server should stop."""
        connection.settimeout(60.0)
        try:
            request = json.loads(_read_line(connection) or b"{}")
        except (OSError, ValueError):
            return True
        if not request:  # a client that connected early, then checked nothing (it refused, say)
            return True
        if request.get("stop"):
            self.close()
            _send(connection, {"stopped": True})
            return False
        if request.get("print") != self.print:  # the client sees another kit: a new server takes over
            _send(connection, {"unavailable": "the kit changed; starting a new warm checker"})
            return False
        _send(connection, self.grade(request))
        return True

    def grade(self, request: dict) -> dict:
        from convkit.assignments import get_assignment
        from convkit.grading.batch import GradingFailed, WarmGrader, WorkerRefused
        from convkit.sandbox.isolation import Plan

        key = json.dumps([request["plan"], request["private"]], sort_keys=True)
        limits = Limits(**request["limits"])
        try:
            if key not in self.graders:
                self._close_graders()
                self.graders[key] = WarmGrader(get_assignment(request["assignment"]), limits,
                                               Plan.from_dict(request["plan"]), request["private"])
            result = self.graders[key].grade(request["path"], request["assignment"], request["questions"] or None,
                                             limits)
        except WorkerRefused as error:  # as a direct check says it: "cannot build the sandbox: ..."
            self._close_graders()
            return {"error": error.reason}
        except GradingFailed as error:
            return {"error": str(error)}
        except ConvkitError as error:
            return {"error": str(error)}
        return {"result": result.to_dict()}

    def _close_graders(self) -> None:
        for grader in self.graders.values():
            grader.close()
        self.graders.clear()

    def close(self) -> None:
        """Stop listening first (a client arriving now starts a new server), then stop the worker."""
        self.listener.close()
        with contextlib.suppress(OSError):
            if os.stat(self.address).st_ino == self.inode:  # still ours (not a newer server's)
                self.address.unlink()
        self._close_graders()


def _send(connection: socket.socket, reply: dict) -> None:
    with contextlib.suppress(OSError):
        connection.sendall(json.dumps(reply).encode() + b"\n")


def serve(address: str, print_: str) -> None:
    from convkit.sandbox import linux

    linux.set_process_name("convkit-check")
    idle = float(os.environ.get("CONVKIT_CHECK_IDLE", IDLE_SECONDS))
    try:
        server = Server(Path(address), print_, idle)
    except WarmUnavailable:
        return  # another client's server got there first
    server.run()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "serve":
        serve(sys.argv[2], sys.argv[3])
    else:
        print("usage: python -m convkit.warm_check serve SOCKET FINGERPRINT (started by `convkit check`)",
              file=sys.stderr)
        sys.exit(2)
