"""Public checks for directional_edge_kernel (generated from 07-directional_edge_kernel.md by `convkit build`): grader.check("directional_edge_kernel") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'directional_edge_kernel'
points = None


@test_case(name='axis directions', points=None, hidden=False)
def test_axis_directions(directional_edge_kernel, F, torch):
    i = torch.arange(7, dtype=torch.float64)[:, None].expand(7, 9)  # ramp down the height, a = 1
    j = torch.arange(9, dtype=torch.float64)[None, :].expand(7, 9)  # ramp along the width, b = 1
    for v, along, across, name in (((1.0, 0.0), i, j, "v = (1, 0) (down the height)"),
                                   ((0.0, 1.0), j, i, "v = (0, 1) (along the width)")):
        K = directional_edge_kernel(v).double()
        Y_along = F.conv2d(along[None, None], K[None, None])[0, 0]
        Y_across = F.conv2d(across[None, None], K[None, None])[0, 0]
        assert torch.allclose(Y_along, Y_along.flatten()[0].expand_as(Y_along)) and Y_along.abs().min() > 1e-6, (
            f"for {name}, the ramp that increases along v must give one nonzero constant everywhere; "
            f"got values from {Y_along.min().item():.3g} to {Y_along.max().item():.3g}")
        assert torch.allclose(Y_across, torch.zeros_like(Y_across), atol=1e-9), (
            f"for {name}, the ramp that increases across v has no edge orthogonal to v: the response must be 0. "
            f"Is the height (dim 0, v1) swapped with the width (dim 1, v2)?")


@test_case(name='one scale for all ramps', points=None, hidden=False)
def test_one_scale_for_all_ramps(directional_edge_kernel, F, torch):
    v1, v2 = 1.0, 2.0
    K = directional_edge_kernel((v1, v2)).double()
    i = torch.arange(8, dtype=torch.float64)[:, None].expand(8, 8)
    j = torch.arange(8, dtype=torch.float64)[None, :].expand(8, 8)
    responses = {}
    for a, b in ((1.0, 0.0), (0.0, 1.0), (2.0, -1.0), (3.0, 0.5)):
        Y = F.conv2d((a * i + b * j)[None, None], K[None, None])[0, 0]
        assert torch.allclose(Y, Y.flatten()[0].expand_as(Y)), f"on the ramp {a}*i + {b}*j the response must be constant"
        responses[(a, b)] = Y.flatten()[0].item()
    c = responses[(1.0, 0.0)] / v1
    assert abs(c) > 1e-6, "the response to a ramp along the height must be nonzero when v1 != 0"
    for (a, b), y in responses.items():
        assert abs(y - c * (a * v1 + b * v2)) < 1e-6 * max(1.0, abs(c)), (
            f"with v = (1, 2) the response to the ramp {a}*i + {b}*j must be c * ({a}*1 + {b}*2) with the "
            f"same c = {c:.4g} as for the ramp i; got {y:.4g}. Both differences need the same scale")
