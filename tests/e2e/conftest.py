"""Fixtures of the end-to-end tests."""
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def otter_zips(tmp_path_factory) -> dict[str, Path]:
    """Every assignment's otter autograder, built once per session: the zips are built, not committed."""
    from convkit.build import otter
    from convkit.build.sources import read_all

    folder = tmp_path_factory.mktemp("otter-zips")
    zips = {}
    for assignment, sources in read_all():
        for path, content in otter.generate(assignment, sources).items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            zips[assignment.id] = target
    return zips
