"""``convkit build`` from a clean state is reproducible: two builds, each in a process of its own
(no cache of one can make the other agree), write the same bytes, zips included."""
import subprocess
import sys

import pytest

from convkit.paths import KIT_ROOT

pytestmark = pytest.mark.slow


def build_into(folder):
    done = subprocess.run([sys.executable, "-m", "convkit.cli", "build", "--output", str(folder)], cwd=KIT_ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_in_separate_processes_are_byte_identical(tmp_path):
    first, second = build_into(tmp_path / "first"), build_into(tmp_path / "second")
    assert sorted(first) == sorted(second)
    differ = [path for path in first if first[path] != second[path]]
    assert not differ, f"not reproducible: {differ}"
    assert any(path.endswith("-autograder.zip") for path in first)
    committed = [path for path in first if (KIT_ROOT / path).is_file() and not path.endswith(".zip")]
    stale = [path for path in committed if (KIT_ROOT / path).read_bytes() != first[path]]
    assert not stale, f"committed files out of date (run `convkit build`): {stale}"
