"""Public checks for diagonal (generated from 05-diagonal.md and its translations by `convkit build`): grader.check("diagonal") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'diagonal'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_image_has_only_diagonal_edges": "image has only diagonal edges",
        "test_responses_have_the_right_keys_and_shapes": "responses have the right keys and shapes",
        "image_shape": "diagonal_image(5) must be a 5×5 tensor; got {got}",
        "not_diagonal": "the value must depend only on j - i: X[i, j] == X[i+1, j+1] for every i, j (each line parallel to the main diagonal carries one value)",
        "constant": "a constant image has no edges; use at least two values, arranged by j - i",
        "not_a_dict": "diagonal_responses() must return a dict; got {got}",
        "keys": "the dict needs exactly the keys {expected}; got {got}",
        "answer_shape": "answers[\"{key}\"] must be a computed tensor of shape {shape} (an 8×8 image with a {kernel} kernel); got {got}"
    },
    "zh": {
        "test_image_has_only_diagonal_edges": "图像只有对角线边缘",
        "test_responses_have_the_right_keys_and_shapes": "答案的键和形状正确",
        "image_shape": "diagonal_image(5) 必须是 5×5 的张量；实际得到 {got}",
        "not_diagonal": "值必须只取决于 j - i：对所有 i、j 都有 X[i, j] == X[i+1, j+1]（每一条与主对角线平行的直线上只有一个值）",
        "constant": "常数图像没有边缘；请至少用两个值，并按 j - i 排列",
        "not_a_dict": "diagonal_responses() 必须返回字典；实际返回的是 {got}",
        "keys": "字典必须恰好包含键 {expected}；实际得到 {got}",
        "answer_shape": "answers[\"{key}\"] 必须是计算得到的、形状为 {shape} 的张量（8×8 的图像配 {kernel} 的卷积核）；实际得到 {got}"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_image_has_only_diagonal_edges'), points=None, hidden=False)
def test_image_has_only_diagonal_edges(diagonal_image, torch):
    X = diagonal_image(5)
    assert isinstance(X, torch.Tensor) and tuple(X.shape) == (5, 5), (
        explain("image_shape", got=getattr(X, "shape", type(X).__name__)))
    X = X.double()
    assert torch.allclose(X[1:, 1:], X[:-1, :-1]), explain("not_diagonal")
    assert X.max() > X.min(), explain("constant")


@test_case(name=explain('test_responses_have_the_right_keys_and_shapes'), points=None, hidden=False)
def test_responses_have_the_right_keys_and_shapes(diagonal_responses, torch):
    answers = diagonal_responses()
    assert isinstance(answers, dict), explain("not_a_dict", got=type(answers).__name__)
    expected_shapes = {"K": (8, 7), "transpose_X": (8, 7), "transpose_K": (7, 8)}
    assert set(answers) == set(expected_shapes), (
        explain("keys", expected=sorted(expected_shapes), got=sorted(map(str, answers))))
    for key, shape in expected_shapes.items():
        assert isinstance(answers[key], torch.Tensor) and tuple(answers[key].shape) == shape, (
            explain("answer_shape", key=key, shape=shape, kernel="(2, 1)" if key == "transpose_K" else "(1, 2)",
                    got=getattr(answers[key], "shape", answers[key])))
