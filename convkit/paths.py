"""Where the kit's private parts live.

``reference/`` and ``autograder/`` are not installed packages: they sit in the instructor's
checkout (or next to each other inside an autograder zip). Keeping them off the installed
package means student code in the sandbox cannot simply ``import reference``.
"""
import os
import sys
from pathlib import Path

#: Root of the checkout (or of an unpacked autograder zip) holding reference/ and autograder/.
KIT_ROOT = Path(os.environ.get("CONVKIT_ROOT", Path(__file__).resolve().parent.parent))
GRADERS_DIR = KIT_ROOT / "autograder" / "graders"
REFERENCE_DIR = KIT_ROOT / "reference"


def make_reference_importable() -> None:
    """Put KIT_ROOT on ``sys.path`` of a *grader* process (never of a sandbox)."""
    root = str(KIT_ROOT)
    if root not in sys.path:
        sys.path.insert(0, root)


def private_paths(*extra) -> list[str]:
    """Paths the sandbox world must never contain: the kit's private folders, homes, and ``extra``.

    The sandbox sees an allow-list (the Python runtime), so these are not "hidden" one by
    one; they are what the allow-list is checked against: a runtime folder that contains
    one of them is refused (``convkit.sandbox.world.runtime_paths``). ``extra`` adds the
    batch's submissions and output folders; ``CONVKIT_PRIVATE`` (paths separated by
    ``os.pathsep``) adds more, e.g. the copies of the graders otter places on Gradescope.
    """
    names = ("autograder", "reference", "solutions", "tests", "questions", "examples", ".git")
    paths = [KIT_ROOT / name for name in names] + [Path.home(), Path("/root"), Path("/home")]
    paths += [Path(p) for p in os.environ.get("CONVKIT_PRIVATE", "").split(os.pathsep) if p]
    paths += [Path(p) for p in extra]
    return sorted({str(p.resolve()) for p in paths if p.exists()})
