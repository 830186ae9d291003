"""``convkit build --check``: the committed generated files are what the sources make."""
from convkit.build import check, generate_all, is_committed


def test_committed_generated_files_are_up_to_date(capsys):
    assert check(generate_all(built=False)) == 0, "run `convkit build` and commit:\n" + capsys.readouterr().out


def test_the_otter_zips_are_built_not_committed():
    assert not is_committed("autograder/otter/conv-layer/conv-layer-autograder.zip")
    assert is_committed("assignments/conv-layer/conv-layer.ipynb") and is_committed("convkit/registry.json")
