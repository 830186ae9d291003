"""The sandbox's world: decided once per run, entered once per zygote, narrowed once per sandbox.

Student code is untrusted and its world is an allow-list. Two ways to build it:

``namespaces`` (where the kernel allows new user or mount namespaces: as root, or as an
    ordinary user with unprivileged user namespaces)
    * the zygote leaves the host: new mount, network, IPC and UTS namespaces, a fresh root
      holding only the Python runtime read-only (:mod:`convkit.sandbox.world`); as root it
      then becomes a uid of its own (outside ``/etc/passwd`` and the subuid ranges) and
      enters a user namespace, so its capabilities reach no further than its own namespaces;
    * each sandbox, forked from the zygote: a new mount namespace with fresh size-limited
      tmpfs for ``/tmp``, ``/var/tmp``, ``/dev/shm`` and its working directory ``/home/student``;
      then a new user and PID namespace, which locks those mounts and makes the sandbox
      process 1 of its own PID namespace (it sees and signals nothing outside; everything
      it starts dies with it); then no capabilities (bounding set too), ``no_new_privs``,
      Landlock over the same view when the kernel has it, and the seccomp filter.

``landlock`` (namespaces refused, e.g. in Docker's default profile or on Gradescope)
    * each sandbox runs as a uid of its own (when the grader is root) in a working
      directory of its own, confined by Landlock to the runtime (read-only) and that
      directory; signals and abstract sockets stop at its Landlock domain (ABI 6);
      no capabilities, except ``CAP_DAC_READ_SEARCH`` when the runtime lives in a folder
      other users cannot read (``/root``): reading still passes Landlock's allow-list, and
      the one system call that capability would open (``open_by_handle_at``) is refused by
      the seccomp filter.

Memory and process limits hold for the whole sandbox through a control group where the
grader can create one (:mod:`convkit.sandbox.cgroups`); otherwise they fall back to
rlimits, and the seccomp filter then refuses new processes (threads share the one
address-space limit, so the memory limit still holds for the whole sandbox); the plan says
so.

When neither world can be built the kit refuses to grade (:func:`decide`), unless the TA
passes ``--trust-submissions``: then submissions run with limits and the seccomp filter
only, and every output names the weakness.
"""
from __future__ import annotations

import os
import resource
import select
import signal
from dataclasses import asdict, dataclass, field

from convkit.messages import Message, message, render
from convkit.errors import ConvkitError
from convkit.sandbox import cgroups, landlock, linux, seccomp, world

ZYGOTE_UID_BASE = 3_000_000_000
SANDBOX_UID_BASE = 3_500_000_000
_PID_SPAN = 1 << 22  # pids never exceed this (kernel.pid_max <= 4194304)

TRUST_FLAG = "--trust-submissions"


@dataclass
class Plan:
    """How sandboxes are built in this run; recorded in every result."""

    mode: str  # "namespaces", "landlock" or "none"
    root: bool
    landlock_abi: int = 0
    cgroups: str = ""  # "v2", "v1" or "" (rlimits only)
    keep_read_search: bool = False
    protection_messages: list[dict] = field(default_factory=list)  # Message.to_dict() of each, for any language
    weakness_messages: list[dict] = field(default_factory=list)

    @property
    def protections(self) -> list[str]:
        """What protects the grader, in English (logs, the CLI's note); results keep the messages too."""
        return _english(self.protection_messages)

    @property
    def weaknesses(self) -> list[str]:
        return _english(self.weakness_messages)

    def protect(self, key: str, **params) -> None:
        self.protection_messages.append(message(key, **params).to_dict())

    def weaken(self, key: str, **params) -> None:
        self.weakness_messages.append(message(key, **params).to_dict())

    @property
    def trusted_only(self) -> bool:
        return self.mode == "none"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Plan":
        return cls(**data)

    def summary(self) -> str:
        """One line for the CLI and the report."""
        text = f"isolation: {self.mode}"
        if self.weaknesses:
            text += " — weaker: " + "; ".join(self.weaknesses)
        return text


# ----------------------------------------------------------------- deciding
def decide(trust: bool = False, require: bool = True) -> Plan:
    """The strongest world this machine allows, or a refusal naming what is missing.

    ``require=False`` (a learner checking their own file) accepts a weaker world; the plan
    then lists its weaknesses, which the CLI prints as a one-line note.
    """
    root = os.geteuid() == 0
    if root:
        _check_uid_ranges()
    abi = landlock.abi_version()
    layout, no_cgroup = cgroups.detect()
    problems = []
    failure = probe_namespaces(root)
    if not failure:
        plan = Plan("namespaces", root, abi, layout.version if layout else "")
    else:
        problems.append(f"namespaces: {failure}")
        landlock_failure = _landlock_unusable(root, abi)
        if landlock_failure:
            problems.append(f"Landlock: {landlock_failure}")
        plan = Plan("none" if landlock_failure else "landlock", root, abi, layout.version if layout else "",
                    keep_read_search=root and not _runtime_readable_by_others())
    _describe(plan, no_cgroup, problems)
    if plan.trusted_only and not trust and require:
        raise ConvkitError(
            "refusing to grade: cannot build the sandbox (" + "; ".join(problems) + "). Run as root or where "
            "unprivileged user namespaces are allowed (sysctl kernel.unprivileged_userns_clone=1 / "
            "user.max_user_namespaces > 0), or on a kernel with Landlock (Linux 5.13+, 6.12+ for an ordinary "
            f"user). To grade submissions you trust anyway, pass {TRUST_FLAG}.")
    return plan


def uid_ranges_in_use() -> list[tuple[int, int]]:
    """[first, last] ids that belong to someone: accounts, groups, and subordinate id ranges."""
    ranges = []
    for path in ("/etc/passwd", "/etc/group"):
        for line in _lines(path):
            fields = line.split(":")
            if len(fields) > 2 and fields[2].isdigit():
                ranges.append((int(fields[2]), int(fields[2])))
    for path in ("/etc/subuid", "/etc/subgid"):
        for line in _lines(path):
            fields = line.split(":")
            if len(fields) == 3 and fields[1].isdigit() and fields[2].isdigit():
                ranges.append((int(fields[1]), int(fields[1]) + int(fields[2]) - 1))
    return ranges


def _lines(path: str) -> list[str]:
    try:
        with open(path) as handle:
            return handle.read().splitlines()
    except OSError:
        return []


def _check_uid_ranges() -> None:
    """Sandbox uids must belong to nobody: no account, group or subordinate range may share them."""
    ours = [(base, base + _PID_SPAN - 1) for base in (ZYGOTE_UID_BASE, SANDBOX_UID_BASE)]
    for first, last in uid_ranges_in_use():
        for low, high in ours:
            if first <= high and low <= last:
                raise ConvkitError(f"refusing to grade: ids {first}-{last} (an account or a range in /etc/subuid, "
                                   f"/etc/subgid) overlap the sandbox ids {low}-{high}; change that range")


def _landlock_unusable(root: bool, abi: int) -> str:
    if abi < 1:
        return "not available in this kernel (Linux 5.13+ with landlock in the lsm= list)"
    if not root and abi < 6:
        return (f"ABI {abi} cannot keep a sandbox running under the grader's own uid from signalling it "
                f"(needs ABI 6, Linux 6.12)")
    failure = _in_child(_try_seccomp)
    return f"seccomp: {failure}" if failure else ""


def _describe(plan: Plan, no_cgroup: str, problems: list[str]) -> None:
    if plan.mode == "namespaces":
        for key in ("isolation.protection.fresh_root", "isolation.protection.private_scratch",
                    "isolation.protection.own_namespaces", "isolation.protection.locked_mounts",
                    "isolation.protection.no_capabilities"):
            plan.protect(key)
        if plan.root:
            plan.protect("isolation.protection.own_uid_zygote")
        if plan.landlock_abi:
            plan.protect("isolation.protection.landlock", abi=plan.landlock_abi)
    elif plan.mode == "landlock":
        plan.protect("isolation.protection.landlock_allow_list", abi=plan.landlock_abi)
        plan.protect("isolation.protection.no_new_privs")
        plan.protect("isolation.protection.own_uid" if plan.root else "isolation.protection.signal_scoping")
        plan.weaken("isolation.weakness.no_pid_namespace")
        if plan.keep_read_search:
            plan.weaken("isolation.weakness.read_search")
    else:
        plan.weaken("isolation.weakness.none", problems="; ".join(problems))
    if plan.cgroups:
        plan.protect("isolation.protection.cgroup", version=plan.cgroups)
    else:
        plan.protect("isolation.protection.one_process")
        plan.weaken("isolation.weakness.no_cgroup", reason=no_cgroup)


def _english(messages: list[dict]) -> list[str]:
    return [render(Message.from_dict(data)) for data in messages]


def _runtime_readable_by_others() -> bool:
    """Can a uid of our own (no capabilities) read the interpreter's files?"""
    import sys

    for path in {sys.base_prefix, sys.prefix}:
        current = os.path.realpath(path)
        while True:
            if not os.stat(current).st_mode & 0o001:
                return False
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
    return True


# ----------------------------------------------------------------- probing
def _in_child(attempt) -> str:
    """Run ``attempt()`` in a forked child; '' if it worked, else its error message."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            attempt()
            message = b""
        except BaseException as error:  # noqa: BLE001 - reported, not raised, in the parent
            message = str(error).encode()[:500] or type(error).__name__.encode()
        os.write(write, message)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as stream:
        message = stream.read().decode(errors="replace")
    os.waitpid(pid, 0)
    return message


def probe_namespaces(root: bool) -> str:
    """Try, in a throw-away child, every namespace step a zygote and a sandbox will take."""
    return _in_child(lambda: _try_namespaces(root))


def _try_namespaces(root: bool) -> None:
    program = seccomp.compile_filter()  # before leaving root: the library may live where only root reads
    if root:
        linux.unshare(linux.CLONE_NEWNS | linux.CLONE_NEWNET | linux.CLONE_NEWIPC | linux.CLONE_NEWUTS)
        linux.mount(None, "/", None, linux.MS_REC | linux.MS_PRIVATE)
        proc = os.open("/proc", os.O_DIRECTORY | os.O_RDONLY | os.O_CLOEXEC)
        uid = ZYGOTE_UID_BASE + os.getpid() % _PID_SPAN
        _become(uid)
        linux.unshare(linux.CLONE_NEWUSER | linux.CLONE_NEWNS)
        linux.write_id_maps(uid, uid, proc=proc)
        os.close(proc)
    else:
        uid, gid = os.getuid(), os.getgid()  # read before: inside, they show as unmapped
        linux.unshare(linux.CLONE_NEWUSER | linux.CLONE_NEWNS | linux.CLONE_NEWNET | linux.CLONE_NEWIPC
                      | linux.CLONE_NEWUTS)
        linux.write_id_maps(uid, gid)
        linux.mount(None, "/", None, linux.MS_REC | linux.MS_PRIVATE)
    linux.unshare(linux.CLONE_NEWNS)
    linux.mount("tmpfs", "/tmp", "tmpfs", linux.MS_NOSUID | linux.MS_NODEV, "size=4k")
    linux.unshare(linux.CLONE_NEWUSER | linux.CLONE_NEWNS | linux.CLONE_NEWPID)
    failure = _in_child(lambda: _try_sandbox_drop(program))
    if failure:
        raise OSError(f"inside the sandbox: {failure}")


def _try_sandbox_drop(program: bytes) -> None:
    _drop_everything()
    seccomp.install(program)
    try:
        linux.unshare(linux.CLONE_NEWNS)
    except OSError:
        return
    raise OSError("the seccomp filter did not stop unshare")


def _try_seccomp() -> None:
    linux.no_new_privileges()
    seccomp.install(seccomp.compile_filter())


def _become(uid: int, keep=()) -> None:
    """Switch every id to ``uid`` (no groups), keeping only the capabilities in ``keep``.

    The process stays dumpable, so that it can still write its own ``/proc/self`` files
    (the user-namespace maps); the zygote turns that off once its world is built.
    """
    if keep:
        linux.prctl(linux.PR_SET_KEEPCAPS, 1)
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    linux.prctl(linux.PR_SET_DUMPABLE, 1)
    if keep:
        linux.set_capabilities(keep)


def _drop_everything() -> None:
    """No capability can be used or regained: bounding set, sets, ambient, securebits."""
    linux.drop_bounding_set()
    linux.libc.prctl(linux.PR_SET_SECUREBITS, linux.SECUREBITS_LOCKED_DOWN, 0, 0, 0)
    linux.set_capabilities(())
    linux.no_new_privileges()


# ----------------------------------------------------------------- the zygote
@dataclass
class ZygoteWorld:
    """What a zygote keeps from entering its world, for the sandboxes it forks."""

    plan: Plan
    runtime: list[str]
    filter: bytes
    work_base: str = ""  # outside the namespaces mode: where sandbox working directories are made
    base_memory: int = 0  # the zygote's address-space size (for the RLIMIT_AS fallback)

    def workdir(self, pid: int) -> str:
        """A sandbox's working directory (a tmpfs of its own in the namespaces mode)."""
        return world.WORKDIR if self.plan.mode == "namespaces" else os.path.join(self.work_base, f"sandbox-{pid}")

    def sandbox_uid(self, pid: int) -> int | None:
        return SANDBOX_UID_BASE + pid % _PID_SPAN if self.plan.mode != "namespaces" and self.plan.root else None


def enter_zygote_world(plan: Plan, private=()) -> ZygoteWorld:
    """Called once in the zygote, single-threaded, after torch is imported and before it forks."""
    zygote = ZygoteWorld(plan, world.runtime_paths(private), seccomp.compile_filter(allow_processes=bool(plan.cgroups)),
                         base_memory=_address_space_in_use())
    if plan.mode == "namespaces":
        _enter_namespaces(plan, zygote.runtime)
    else:
        import tempfile

        zygote.work_base = tempfile.mkdtemp(prefix="convkit-sandboxes-")
        os.chmod(zygote.work_base, 0o711)  # a sandbox uid may enter its own folder, not list the others
    linux.prctl(linux.PR_SET_DUMPABLE, 0)  # sandboxes cannot read this process's memory
    return zygote


def _require_single_thread() -> None:
    threads = len(os.listdir("/proc/self/task"))
    if threads != 1:
        raise RuntimeError(f"the sandbox zygote must be single-threaded to enter namespaces ({threads} threads)")


def _enter_namespaces(plan: Plan, runtime: list[str]) -> None:
    _require_single_thread()
    if plan.root:
        proc = os.open("/proc", os.O_DIRECTORY | os.O_RDONLY | os.O_CLOEXEC)
        try:
            linux.unshare(linux.CLONE_NEWNS | linux.CLONE_NEWNET | linux.CLONE_NEWIPC | linux.CLONE_NEWUTS)
            world.build_root(runtime)
            uid = ZYGOTE_UID_BASE + os.getpid() % _PID_SPAN
            _become(uid)
            linux.unshare(linux.CLONE_NEWUSER | linux.CLONE_NEWNS)  # locks every mount made as root
            linux.write_id_maps(uid, uid, proc=proc)
        finally:
            os.close(proc)
    else:
        uid, gid = os.getuid(), os.getgid()  # read before: inside, they show as unmapped
        linux.unshare(linux.CLONE_NEWUSER | linux.CLONE_NEWNS | linux.CLONE_NEWNET | linux.CLONE_NEWIPC
                      | linux.CLONE_NEWUTS)
        linux.write_id_maps(uid, gid)
        world.build_root(runtime)


def _address_space_in_use() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def end_leftovers(zygote: ZygoteWorld, pid: int) -> None:
    """After sandbox ``pid`` ended, outside the namespaces mode: its uid's processes and its folder go.

    (In the namespaces mode its PID namespace and tmpfs mounts died with it.)
    """
    uid = zygote.sandbox_uid(pid)
    if uid is not None:
        _in_child(lambda: _kill_every_process_of(uid))
    if zygote.work_base:
        import shutil

        shutil.rmtree(zygote.workdir(pid), ignore_errors=True)


def _kill_every_process_of(uid: int) -> None:
    """As ``uid``, ``kill(-1)`` reaches exactly that uid's processes (this one excepted)."""
    os.setresuid(uid, uid, uid)
    try:
        os.kill(-1, signal.SIGKILL)
    except ProcessLookupError:
        pass


# ----------------------------------------------------------------- each sandbox
def confine_sandbox(zygote: ZygoteWorld, config: dict, cgroup_fds=(), close_in_waiter=()) -> str:
    """In a process just forked from the zygote: narrow the world; return the working directory.

    In the ``namespaces`` mode this forks once more (the sandbox must be process 1 of a new
    PID namespace); the intermediate process waits for it and never returns.
    """
    for fd in cgroup_fds:
        os.write(fd, b"0")
        os.close(fd)
    if zygote.plan.mode == "namespaces":
        _narrow_namespaces(zygote, config, close_in_waiter)
    else:
        _narrow_host(zygote, config)
    workdir = zygote.workdir(os.getpid())
    os.chdir(workdir)
    _scrub_environment(workdir)
    return workdir


def _narrow_namespaces(zygote: ZygoteWorld, config: dict, close_in_waiter) -> None:
    linux.unshare(linux.CLONE_NEWNS)
    world.mount_scratch(config["scratch_bytes"], zygote.runtime)
    _set_limits(zygote, config)
    linux.unshare(linux.CLONE_NEWUSER | linux.CLONE_NEWNS | linux.CLONE_NEWPID)
    _fork_process_one(close_in_waiter)
    _drop_everything()
    if zygote.plan.landlock_abi:
        writable = [*world.SCRATCH_DIRS, *(f"/dev/{name}" for name in (*world.DEVICES, *world.gpu_devices()))]
        landlock.restrict(["/"], writable, zygote.plan.landlock_abi)
    seccomp.install(zygote.filter)


def _fork_process_one(close_in_waiter) -> None:
    """Fork the sandbox as process 1 of the new PID namespace; this process waits and mirrors its end.

    The sandbox dies with this process (``PR_SET_PDEATHSIG``), and the kernel kills every
    process of the namespace when its process 1 dies: killing the pid the zygote reported
    ends the whole sandbox.
    """
    alive_read, alive_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(alive_write)
        linux.prctl(linux.PR_SET_PDEATHSIG, signal.SIGKILL)
        if select.select([alive_read], [], [], 0)[0]:  # the waiting parent is already gone
            os._exit(1)
        os.close(alive_read)
        return
    os.close(alive_read)
    for fd in close_in_waiter:
        os.close(fd)
    _wait_and_mirror(pid)


def _wait_and_mirror(pid: int) -> None:
    """End exactly as process ``pid`` ended (same exit code, or the same signal)."""
    linux.set_process_name("convkit-waiter")
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)
    os._exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 1)


def _narrow_host(zygote: ZygoteWorld, config: dict) -> None:
    """The ``landlock`` mode (and the trusted ``none`` mode): a folder, a uid, an allow-list."""
    plan, pid = zygote.plan, os.getpid()
    workdir, uid = zygote.workdir(pid), zygote.sandbox_uid(pid)
    os.mkdir(workdir, 0o700)
    if uid is not None:
        os.chown(workdir, uid, uid)
    _set_limits(zygote, config)
    if plan.mode == "landlock":
        readable = [*zygote.runtime, *world.SYSTEM_FILES]
        writable = [workdir, *(f"/dev/{name}" for name in (*world.DEVICES, *world.gpu_devices()))]
        landlock.restrict(readable, writable, plan.landlock_abi)
    keep = (linux.CAP_DAC_READ_SEARCH,) if plan.keep_read_search else ()
    if uid is not None:
        linux.drop_bounding_set(keep)
        _become(uid, keep)
    linux.set_capabilities(keep)
    linux.no_new_privileges()
    seccomp.install(zygote.filter)


def _set_limits(zygote: ZygoteWorld, config: dict) -> None:
    """rlimits that hold whatever else is available; the control group (if any) holds the tree."""
    if not zygote.plan.cgroups and config.get("memory_bytes"):
        ceiling = zygote.base_memory + int(config["memory_bytes"])
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    file_bytes = int(config["file_bytes"])
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    processes = int(config["processes"])
    resource.setrlimit(resource.RLIMIT_NPROC, (processes, processes))


def _scrub_environment(workdir: str) -> None:
    """Student code sees no grader paths or secrets through the environment."""
    keep = {k: os.environ[k] for k in ("PATH", "LANG", "LC_ALL", "CUDA_VISIBLE_DEVICES") if k in os.environ}
    os.environ.clear()
    os.environ.update(keep, HOME=workdir, TMPDIR=workdir, PYTHONWARNINGS="ignore", USER="student")
