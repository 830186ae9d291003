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


def hidden_paths(*extra) -> list[str]:
    """What a sandbox must not see: the hidden graders, the reference, solutions, the kit's tests.

    ``CONVKIT_HIDE`` (paths separated by ``os.pathsep``) adds more, e.g. the copies of the
    graders that otter places next to a submission on Gradescope.
    """
    names = ("autograder", "reference", "solutions", "tests", "questions")
    paths = [KIT_ROOT / name for name in names]
    paths += [Path(p) for p in os.environ.get("CONVKIT_HIDE", "").split(os.pathsep) if p]
    paths += [Path(p) for p in extra]
    return [str(p.resolve()) for p in paths if p.exists()]
