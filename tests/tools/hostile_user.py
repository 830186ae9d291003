"""An ordinary user for grading tests: the account, its own Python environment, a kit it can read.

The default Python may live where only root can enter (``/root/.pyenv``), and so may the
checkout; an ordinary user then can run neither. This builds what such a user would have:

* the account (``useradd -m``) if it is missing;
* a virtual environment in its home, made from the system's ``/usr/bin/python3`` with what
  grading needs (torch and pytest as pinned in requirements-dev.txt, nbformat, matplotlib,
  pyseccomp), installed by root and handed to the user; it is reused while a stamp of the
  requirements matches;
* the kit where the user can read it: the checkout itself when it can, else a copy (the
  files git knows, and the ``.git`` folder) in a folder of the caller's choosing.

Run as a script, it prepares the user and prints the venv's Python (CI can do this early).
"""
from __future__ import annotations

import hashlib
import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

USER = "convkit-hostile"
SYSTEM_PYTHON = "/usr/bin/python3"
PACKAGES = ("torch", "pytest", "nbformat", "matplotlib", "pyseccomp")
KIT_ROOT = Path(__file__).resolve().parents[2]
#: What grading needs from a checkout (and what a TA's checkout holds beside it).
COPY_IGNORE = shutil.ignore_patterns(".venv", "out", "__pycache__", "*.pyc", ".pytest_cache", "*.egg-info")


def requirement_lines(requirements: Path = KIT_ROOT / "requirements-dev.txt") -> list[str]:
    """The lines of requirements-dev.txt for PACKAGES; a package it does not pin goes in unpinned."""
    lines = [line.split("#")[0].strip() for line in requirements.read_text().splitlines()]
    chosen = []
    for package in PACKAGES:
        found = [line for line in lines if line and _name_of(line) == package]
        chosen.append(found[0] if found else package)
    return chosen


def _name_of(requirement: str) -> str:
    for separator in ("==", ">=", "<=", "~=", "!=", ">", "<", "[", ";", " "):
        requirement = requirement.split(separator)[0]
    return requirement.strip().lower()


def ensure_user(name: str = USER) -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/sh", name], check=True)
        return pwd.getpwnam(name)


def ensure_venv(account: pwd.struct_passwd) -> Path:
    """The user's venv Python, built (as root, then chowned) unless its stamp is current."""
    venv = Path(account.pw_dir) / "convkit-venv"
    python, stamp = venv / "bin" / "python", venv / ".convkit-requirements"
    requirements = requirement_lines()
    wanted = hashlib.sha256("\n".join([SYSTEM_PYTHON, *requirements]).encode()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([SYSTEM_PYTHON, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *requirements],
                   check=True)
    stamp.write_text(wanted)
    subprocess.run(["chown", "-R", f"{account.pw_uid}:{account.pw_gid}", str(venv)], check=True)
    return python


def can_read(account: pwd.struct_passwd, path: Path) -> bool:
    check = f"import os, sys; sys.exit(0 if os.access({str(path)!r}, os.R_OK | os.X_OK) else 1)"
    done = subprocess.run(["runuser", "-u", account.pw_name, "--", SYSTEM_PYTHON, "-c", check],
                          capture_output=True, cwd="/")
    return done.returncode == 0


def readable_kit(account: pwd.struct_passwd, copy_to: Path) -> Path:
    """The checkout if the user can read it, else a copy at ``copy_to`` (readable by all)."""
    if can_read(account, KIT_ROOT / "convkit") and can_read(account, KIT_ROOT / "autograder" / "graders"):
        return KIT_ROOT
    shutil.copytree(KIT_ROOT, copy_to, ignore=COPY_IGNORE, symlinks=True)
    if (KIT_ROOT / ".git").is_file():  # a worktree: its .git points into a repository it cannot copy
        (copy_to / ".git").unlink()
    subprocess.run(["chmod", "-R", "a+rX", str(copy_to)], check=True)
    return copy_to


def runuser_prefix(account: pwd.struct_passwd, python: Path, kit: Path) -> list[str]:
    """``convkit`` as that user, with a clean environment and the kit importable from ``kit``."""
    return ["runuser", "-u", account.pw_name, "--", "env", "-i", "PATH=/usr/local/bin:/usr/bin:/bin",
            f"HOME={account.pw_dir}", "LANG=C.UTF-8", f"PYTHONPATH={kit}", str(python), "-m", "convkit.cli"]


def processes_of(uid: int) -> list[dict]:
    """Running processes of ``uid`` (pid, name, command line)."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            if os.stat(f"/proc/{name}").st_uid != uid:
                continue
            with open(f"/proc/{name}/cmdline", "rb") as handle:
                cmdline = handle.read().replace(b"\0", b" ").decode(errors="replace").strip()
            with open(f"/proc/{name}/comm") as handle:
                comm = handle.read().strip()
        except OSError:
            continue
        found.append({"pid": int(name), "name": comm, "cmdline": cmdline[:300]})
    return found


if __name__ == "__main__":
    if os.geteuid() != 0:
        sys.exit("hostile_user: run as root (it creates a user and installs into its home)")
    print(ensure_venv(ensure_user()))
