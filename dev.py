#!/usr/bin/env python3
"""Set up everything and run the main jobs, on a fresh machine with only Python 3.10+.

    python3 dev.py demo    create .venv, install the kit, build it (`convkit build`: notebooks, otter
                           autograders, nbgrader course), grade the bundled example submissions
    python3 dev.py test    create .venv, install the kit, run the test suite

The virtual environment is reused while requirements-dev.txt and pyproject.toml are
unchanged (a stamp file records their hash), so repeated runs start at once.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
STAMP = VENV / ".convkit-installed"
DEMO_OUTPUT = ROOT / "out" / "demo"


def requirements_hash() -> str:
    digest = hashlib.sha256()
    for name in ("requirements-dev.txt", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment() -> None:
    wanted = requirements_hash()
    if STAMP.exists() and STAMP.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print("dev.py: creating .venv", flush=True)
        venv.create(VENV, with_pip=True)
    print("dev.py: installing requirements (first time: about 2 minutes)", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run(pip + ["-r", str(ROOT / "requirements-dev.txt")], check=True)
    subprocess.run(pip + ["--no-deps", "-e", str(ROOT)], check=True)
    STAMP.write_text(wanted)


def run(*args: str) -> int:
    env = dict(os.environ, PYTHONWARNINGS=os.environ.get("PYTHONWARNINGS", "ignore"))
    return subprocess.run([str(PYTHON), *args], cwd=ROOT, env=env).returncode


def demo() -> int:
    """Build the kit (the otter autograders are built, not committed), then grade every bundled
    example submission of every assignment and show the grades."""
    print("\n== convkit build")
    status = run("-m", "convkit.cli", "build")
    for folder in sorted((ROOT / "examples").iterdir()):
        if not folder.is_dir():
            continue
        output = DEMO_OUTPUT / folder.name
        print(f"\n== convkit grade examples/{folder.name} --assignment {folder.name} -j 2 --output {output.relative_to(ROOT)}")
        status |= run("-m", "convkit.cli", "grade", str(folder), "--assignment", folder.name,
                      "--output", str(output), "-j", "2", "--call-timeout", "5")
        print(f"   report: {(output / 'report.md').relative_to(ROOT)}")
    return status


def test(extra: list[str]) -> int:
    return run("-m", "pytest", "-q", *extra)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("demo", "test"):
        print(__doc__, file=sys.stderr)
        return 2
    ensure_environment()
    return demo() if argv[0] == "demo" else test(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
