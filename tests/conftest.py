"""Make the kit's checkout importable (``reference``, ``autograder``) for the kit's own tests."""
import sys
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent
if str(KIT_ROOT) not in sys.path:
    sys.path.insert(0, str(KIT_ROOT))
