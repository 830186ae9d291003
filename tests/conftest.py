"""Make the kit's checkout importable (``reference``, ``autograder``) for the kit's own tests."""
import sys
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent
if str(KIT_ROOT) not in sys.path:
    sys.path.insert(0, str(KIT_ROOT))

import os  # noqa: E402

import pytest  # noqa: E402

# `convkit check` run by the tests grades directly: no warm checker may outlive the test session.
# tests/e2e/test_warm_check.py turns it on, in a runtime folder of its own, and stops it.
os.environ.setdefault("CONVKIT_CHECK_WARM", "0")


@pytest.fixture(scope="session")
def launcher():
    """One warm sandbox zygote for the whole test session (torch imported once)."""
    from convkit.sandbox.client import SandboxLauncher

    warm = SandboxLauncher()
    warm.start()
    yield warm
    warm.close()


@pytest.fixture(scope="session")
def limits():
    from convkit.limits import Limits

    return Limits(call_seconds=20.0, cell_seconds=20.0)
