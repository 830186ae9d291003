"""The file system a sandbox sees: an allow-list, built as a fresh root.

Nothing of the host is visible unless it is listed here: the Python runtime the zygote
actually uses (its standard library, its site-packages, the directories of every shared
library it has loaded, read-only), convkit's own package (the sandbox runtime, which holds
no answers), a few device nodes, and empty mount points for the per-sandbox tmpfs mounts
(``/tmp``, ``/var/tmp``, ``/dev/shm``, ``/home/student``). No kit checkout, no ``.git``, no
examples, no submissions or output folder, no home directory, no ``/proc`` or ``/sys``.

:func:`runtime_paths` decides the list from the running interpreter, and refuses a list
that would expose a private path (an entry that *contains* the kit's private folders, the
submissions or the output). :func:`build_root` makes the root with the same technique as
bubblewrap: a scratch tmpfs, ``pivot_root`` into it so the old root stays reachable at
``/oldroot`` (sources under ``/tmp`` included), bind mounts into a new tmpfs, and a final
``pivot_root`` that leaves no trace of the host's root.
"""
from __future__ import annotations

import os
import site
import sys
import sysconfig
from pathlib import Path

from convkit.errors import ConvkitError
from convkit.sandbox import linux

#: The sandbox's working directory and home (a per-sandbox tmpfs, like the others below).
WORKDIR = "/home/student"
#: Mount points for the per-sandbox tmpfs mounts (see ``isolation``): fresh for each sandbox.
SCRATCH_DIRS = ("/tmp", "/var/tmp", "/dev/shm", WORKDIR)
#: Where runtime folders that lie under a scratch directory (a checkout in /tmp, say) are
#: bound a second time, so that each sandbox can bind them again over its fresh tmpfs.
SHADOW = "/.runtime"
DEVICES = ("null", "zero", "full", "random", "urandom")
#: Files read through the C library (dynamic loader cache, time zone): no secrets in them.
SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/localtime")
_FLAG_PAIRS = ((os.ST_NOSUID, linux.MS_NOSUID), (os.ST_NODEV, linux.MS_NODEV), (8, 8),  # ST_NOEXEC/MS_NOEXEC
               (os.ST_NOATIME, 1024), (os.ST_NODIRATIME, 2048), (os.ST_RELATIME, 1 << 21))


def runtime_paths(private=()) -> list[str]:
    """Directories the sandbox needs read-only: the interpreter's libraries, and nothing above them.

    ``private`` are paths that must stay invisible (the kit's private folders, the
    submissions, the output, home directories); a runtime directory that is one of them or
    contains one is refused rather than bound.
    """
    import convkit

    candidates = {sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    candidates.update(site.getsitepackages())
    candidates.add(str(Path(convkit.__file__).resolve().parent))
    candidates.update(_loaded_library_dirs())
    paths = _outermost(Path(p).resolve() for p in candidates if p and os.path.isdir(p))
    _refuse_private(paths, private)
    return [str(p) for p in paths]


def _loaded_library_dirs() -> set[str]:
    """Directories of every file this process has mapped (shared libraries, extension modules)."""
    found = set()
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                parts = line.split(None, 5)
                if len(parts) == 6 and parts[5].startswith("/") and not parts[5].startswith(("/dev/", "/proc/")):
                    path = parts[5].strip()
                    if not path.endswith("(deleted)"):
                        found.add(os.path.dirname(path))
    except OSError:
        pass
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None)
        if file and file.endswith(".so"):
            found.add(os.path.dirname(file))
    return found


def _outermost(paths) -> list[Path]:
    """Drop every path that lies inside another one of the list."""
    ordered = sorted(set(paths), key=lambda p: len(p.parts))
    kept: list[Path] = []
    for path in ordered:
        if not any(path == k or k in path.parents for k in kept):
            kept.append(path)
    return sorted(kept)


def _refuse_private(paths, private) -> None:
    for path in paths:
        for secret in private:
            secret = Path(secret).resolve()
            if path == secret or path in secret.parents:
                raise ConvkitError(
                    f"the Python runtime folder {path} contains {secret}, which sandboxed code must not see; "
                    f"install the kit's Python environment (venv) outside the kit's private folders, "
                    f"the submissions and the output folder")


# ----------------------------------------------------------------- building the root
def build_root(runtime: list[str]) -> None:
    """Replace this process's root with the allow-list (needs a private mount namespace).

    After it returns, ``/`` is a read-only tmpfs holding only the bound runtime, devices and
    empty mount points; the host's root is unmounted from this namespace.
    """
    linux.mount(None, "/", None, linux.MS_REC | linux.MS_PRIVATE)
    linux.mount("tmpfs", "/tmp", "tmpfs", linux.MS_NOSUID | linux.MS_NODEV, "size=64k,mode=0755")
    os.mkdir("/tmp/oldroot")
    os.mkdir("/tmp/newroot")
    linux.pivot_root("/tmp", "/tmp/oldroot")
    os.chdir("/")
    linux.mount("tmpfs", "/newroot", "tmpfs", linux.MS_NOSUID | linux.MS_NODEV, "size=1m,mode=0755")
    for path in runtime:
        _bind("/oldroot" + path, "/newroot" + path, read_only=True)
    for index, path in enumerate(shadowed(runtime)):
        _bind("/oldroot" + path, f"/newroot{SHADOW}/{index}", read_only=True)
    for path in SYSTEM_FILES:
        if os.path.isfile("/oldroot" + path):
            _bind("/oldroot" + path, "/newroot" + path, read_only=True)
    for name in (*DEVICES, *gpu_devices("/oldroot/dev")):
        _bind(f"/oldroot/dev/{name}", f"/newroot/dev/{name}", read_only=False)
    for path in (*SCRATCH_DIRS, "/proc"):
        os.makedirs("/newroot" + path, mode=0o755, exist_ok=True)
    _copy_top_level_links()
    linux.umount("/oldroot", linux.MNT_DETACH)
    _pivot_into("/newroot")
    linux.mount(None, "/", None, linux.MS_REMOUNT | linux.MS_BIND | linux.MS_RDONLY | linux.MS_NOSUID | linux.MS_NODEV)


def gpu_devices(dev: str = "/dev") -> list[str]:
    """NVIDIA device nodes (``nvidia0``, ``nvidiactl``, ``nvidia-uvm``...), so sandboxes can use CUDA.

    Not tried on a GPU machine yet (none was available where this was written).
    """
    try:
        return sorted(name for name in os.listdir(dev) if name.startswith("nvidia") and not os.path.isdir(f"{dev}/{name}"))
    except OSError:
        return []


def _bind(source: str, target: str, read_only: bool) -> None:
    if os.path.isdir(source):
        os.makedirs(target, mode=0o755, exist_ok=True)
    elif os.path.exists(source):
        os.makedirs(os.path.dirname(target), mode=0o755, exist_ok=True)
        if not os.path.exists(target):
            os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o644))
    else:
        return
    linux.mount(source, target, None, linux.MS_BIND)
    flags = linux.MS_REMOUNT | linux.MS_BIND | linux.MS_NOSUID | _locked_flags(target)
    if read_only:
        flags |= linux.MS_RDONLY | linux.MS_NODEV
    linux.mount(None, target, None, flags)


def _locked_flags(path: str) -> int:
    """Flags a remount must repeat: in a user namespace the kernel refuses to clear inherited ones."""
    flags = os.statvfs(path).f_flag
    return sum(mount_flag for stat_flag, mount_flag in _FLAG_PAIRS if flags & stat_flag)


def _copy_top_level_links() -> None:
    """``/lib``, ``/lib64``, ``/bin`` are symbolic links on merged-/usr systems: keep them working."""
    for name in ("lib", "lib64", "lib32", "bin", "sbin"):
        link = f"/oldroot/{name}"
        if os.path.islink(link) and not os.path.lexists(f"/newroot/{name}"):
            os.symlink(os.readlink(link), f"/newroot/{name}")


def _pivot_into(new_root: str) -> None:
    """Make ``new_root`` the root and detach the old one, leaving no directory behind for it."""
    old = os.open("/", os.O_DIRECTORY | os.O_RDONLY)
    try:
        os.chdir(new_root)
        linux.pivot_root(".", ".")
        os.fchdir(old)
        linux.mount(None, ".", None, linux.MS_REC | linux.MS_PRIVATE)
        linux.umount(".", linux.MNT_DETACH)
    finally:
        os.close(old)
    os.chdir("/")


def shadowed(runtime: list[str]) -> list[str]:
    """Runtime folders a per-sandbox tmpfs would cover (they lie under a scratch directory)."""
    return [path for path in runtime if any(path.startswith(d + "/") for d in SCRATCH_DIRS)]


def mount_scratch(size: int, runtime: list[str]) -> None:
    """Fresh, size-limited tmpfs mounts for one sandbox (in its own mount namespace).

    A runtime folder under one of them is bound again on top, from its second binding.
    """
    for path in SCRATCH_DIRS:
        mode = "0700" if path == WORKDIR else "1777"
        linux.mount("tmpfs", path, "tmpfs", linux.MS_NOSUID | linux.MS_NODEV, f"size={size},mode={mode}")
    for index, path in enumerate(shadowed(runtime)):
        _bind(f"{SHADOW}/{index}", path, read_only=True)
