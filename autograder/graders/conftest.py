"""Fixtures shared by every hidden grader.

``student``      the submission under test (calls cross into its sandbox)
``device``       parametrises value tests over the devices present: cpu, and cuda if available
``safe_device``  parametrises device-safety tests: meta (a CPU-only proxy), and cuda if available

A test's ``@pytest.mark.points(n)`` is split equally over its parametrisations, so a
question is worth the same on a machine with or without a GPU.

Run by ``convkit`` (which supplies the student), or directly:
``pytest autograder/graders/conv_layer --submission my_notebook.ipynb``.
"""
import pytest
import torch

from convkit.grading.runner import KEEPER
from convkit.paths import make_reference_importable

make_reference_importable()
# Graders compare at float64 precision: no TF32 shortcuts on Ampere/Hopper GPUs.
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False


def compute_devices() -> list[str]:
    return ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])


def safety_devices() -> list[str]:
    return ["meta"] + (["cuda"] if torch.cuda.is_available() else [])


def pytest_addoption(parser):
    parser.addoption("--submission", default=None, help="grade this notebook or .py file directly")


def pytest_configure(config):
    config.addinivalue_line("markers", "points(n): points the test is worth (split over its parametrisations)")


def pytest_generate_tests(metafunc):
    if "device" in metafunc.fixturenames:
        metafunc.parametrize("device", compute_devices())
    if "safe_device" in metafunc.fixturenames:
        metafunc.parametrize("safe_device", safety_devices())


@pytest.fixture
def student(request):
    keeper = request.config.stash.get(KEEPER, None)
    if keeper is not None:
        return keeper.student
    return _standalone_student(request)


@pytest.fixture(scope="session")
def _standalone(request):
    """A sandboxed submission for ``pytest --submission FILE`` runs without convkit's runner."""
    from convkit.grading.student import Student
    from convkit.limits import Limits
    from convkit.sandbox.client import SandboxLauncher
    from convkit.submission import load_submission

    path = request.config.getoption("--submission")
    if not path:
        pytest.exit("give the file to grade with --submission FILE (or use `convkit check FILE`)", returncode=4)
    launcher = SandboxLauncher()
    student = Student(launcher, load_submission(path), Limits())
    student.start()
    yield student
    student.close()
    launcher.close()


def _standalone_student(request):
    return request.getfixturevalue("_standalone")
