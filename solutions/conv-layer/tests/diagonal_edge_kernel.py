"""Public checks for diagonal_edge_kernel (generated from 06-diagonal_edge_kernel.md and its translations by `convkit build`): grader.check("diagonal_edge_kernel") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'diagonal_edge_kernel'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_silent_on_horizontal_and_vertical_edges": "silent on horizontal and vertical edges",
        "test_responds_to_a_diagonal_line": "responds to a diagonal line",
        "not_2d": "return a 2-D kernel (kh, kw); got shape {got}",
        "vertical_image": "d2l's vertical-edge image",
        "horizontal_image": "its transpose (horizontal edges)",
        "constant_image": "a constant image",
        "not_silent": "the kernel must be silent (exactly 0) on {image}; largest response {largest:.3g}. Hint: every row and every column of K must sum to zero",
        "no_response": "the kernel must respond somewhere along a diagonal line (torch.eye(8), or its mirror image torch.eye(8).flip(1)); it is 0 everywhere on both"
    },
    "zh": {
        "test_silent_on_horizontal_and_vertical_edges": "在水平和竖直边缘上没有响应",
        "test_responds_to_a_diagonal_line": "对一条对角线有响应",
        "not_2d": "请返回二维卷积核 (kh, kw)；实际形状为 {got}",
        "vertical_image": "d2l 的竖直边缘图像",
        "horizontal_image": "它的转置（水平边缘）",
        "constant_image": "常数图像",
        "not_silent": "卷积核在{image}上必须没有响应（恰好为 0）；最大响应为 {largest:.3g}。提示：K 的每一行、每一列之和都必须为零",
        "no_response": "卷积核必须在一条对角线上的某处有响应（torch.eye(8)，或它的镜像 torch.eye(8).flip(1)）；它在这两张图上处处为 0"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_silent_on_horizontal_and_vertical_edges'), points=None, hidden=False)
def test_silent_on_horizontal_and_vertical_edges(diagonal_edge_kernel, F, torch):
    K = diagonal_edge_kernel().double()
    assert K.dim() == 2, explain("not_2d", got=tuple(K.shape))
    vertical = torch.ones(6, 8, dtype=torch.float64)
    vertical[:, 2:6] = 0  # d2l's image: two vertical edges
    for name, X in ((explain("vertical_image"), vertical), (explain("horizontal_image"), vertical.T),
                    (explain("constant_image"), torch.full((6, 6), 3.0, dtype=torch.float64))):
        Y = F.conv2d(X[None, None], K[None, None])[0, 0]  # a cross-correlation, like corr2d
        assert torch.allclose(Y, torch.zeros_like(Y), atol=1e-9), (
            explain("not_silent", image=name, largest=Y.abs().max().item()))


@test_case(name=explain('test_responds_to_a_diagonal_line'), points=None, hidden=False)
def test_responds_to_a_diagonal_line(diagonal_edge_kernel, F, torch):
    K = diagonal_edge_kernel().double()
    X = torch.eye(8, dtype=torch.float64)
    responses = [F.conv2d(image[None, None], K[None, None])[0, 0] for image in (X, X.flip(1))]
    assert max(Y.abs().max().item() for Y in responses) > 1e-6, explain("no_response")
