"""Public checks for diagonal_edge_kernel (generated from 06-diagonal_edge_kernel.md by `convkit build`): grader.check("diagonal_edge_kernel") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'diagonal_edge_kernel'
points = None


@test_case(name='silent on horizontal and vertical edges', points=None, hidden=False)
def test_silent_on_horizontal_and_vertical_edges(diagonal_edge_kernel, F, torch):
    K = diagonal_edge_kernel().double()
    assert K.dim() == 2, f"return a 2-D kernel (kh, kw); got shape {tuple(K.shape)}"
    vertical = torch.ones(6, 8, dtype=torch.float64)
    vertical[:, 2:6] = 0  # d2l's image: two vertical edges
    for name, X in (("d2l's vertical-edge image", vertical), ("its transpose (horizontal edges)", vertical.T),
                    ("a constant image", torch.full((6, 6), 3.0, dtype=torch.float64))):
        Y = F.conv2d(X[None, None], K[None, None])[0, 0]  # a cross-correlation, like corr2d
        assert torch.allclose(Y, torch.zeros_like(Y), atol=1e-9), (
            f"the kernel must be silent (exactly 0) on {name}; largest response {Y.abs().max().item():.3g}. "
            f"Hint: every row and every column of K must sum to zero")


@test_case(name='responds to a diagonal line', points=None, hidden=False)
def test_responds_to_a_diagonal_line(diagonal_edge_kernel, F, torch):
    K = diagonal_edge_kernel().double()
    X = torch.eye(8, dtype=torch.float64)
    responses = [F.conv2d(image[None, None], K[None, None])[0, 0] for image in (X, X.flip(1))]
    assert max(Y.abs().max().item() for Y in responses) > 1e-6, (
        "the kernel must respond somewhere along a diagonal line (torch.eye(8), or its mirror image "
        "torch.eye(8).flip(1)); it is 0 everywhere on both")
