"""Version pins shared by what the build writes, read from ``requirements-dev.txt`` (one source).

Development and CI install that file; the otter autograder and the students' requirements take
their pins from it, so students, graders and CI run the same versions.
"""
from __future__ import annotations

from convkit.errors import ConvkitError
from convkit.paths import KIT_ROOT

PINNED_REQUIREMENTS = KIT_ROOT / "requirements-dev.txt"
#: PyTorch's CPU-only wheels: a fraction of the default download on a machine without an NVIDIA GPU.
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def pinned(*names: str) -> dict[str, str]:
    """``{name: "name==version"}`` for each of ``names``; a missing ``==`` pin is an error naming the file."""
    pins = {}
    for line in PINNED_REQUIREMENTS.read_text().splitlines():
        requirement = line.split("#", 1)[0].strip()
        for name in names:
            if requirement.startswith(f"{name}=="):
                pins[name] = requirement
    missing = set(names) - set(pins)
    if missing:
        raise ConvkitError(f"{PINNED_REQUIREMENTS}: no '==' pin for {', '.join(sorted(missing))}")
    return pins
