"""Public checks for diagonal (generated from 05-diagonal.md by `convkit build`): grader.check("diagonal") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'diagonal'
points = None


@test_case(name='image has only diagonal edges', points=None, hidden=False)
def test_image_has_only_diagonal_edges(diagonal_image, torch):
    X = diagonal_image(5)
    assert isinstance(X, torch.Tensor) and tuple(X.shape) == (5, 5), (
        f"diagonal_image(5) must be a 5×5 tensor; got {getattr(X, 'shape', type(X).__name__)}")
    X = X.double()
    assert torch.allclose(X[1:, 1:], X[:-1, :-1]), (
        "the value must depend only on j - i: X[i, j] == X[i+1, j+1] for every i, j "
        "(each line parallel to the main diagonal carries one value)")
    assert X.max() > X.min(), "a constant image has no edges; use at least two values, arranged by j - i"


@test_case(name='responses have the right keys and shapes', points=None, hidden=False)
def test_responses_have_the_right_keys_and_shapes(diagonal_responses, torch):
    answers = diagonal_responses()
    assert isinstance(answers, dict), f"diagonal_responses() must return a dict; got {type(answers).__name__}"
    expected_shapes = {"K": (8, 7), "transpose_X": (8, 7), "transpose_K": (7, 8)}
    assert set(answers) == set(expected_shapes), (
        f"the dict needs exactly the keys {sorted(expected_shapes)}; got {sorted(map(str, answers))}")
    for key, shape in expected_shapes.items():
        assert isinstance(answers[key], torch.Tensor) and tuple(answers[key].shape) == shape, (
            f'answers["{key}"] must be a computed tensor of shape {shape} (an 8×8 image with a '
            f'{"(2, 1)" if key == "transpose_K" else "(1, 2)"} kernel); got {getattr(answers[key], "shape", answers[key])}')
