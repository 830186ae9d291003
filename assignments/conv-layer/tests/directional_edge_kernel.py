"""Public checks for directional_edge_kernel (generated from 07-directional_edge_kernel.md and its translations by `convkit build`): grader.check("directional_edge_kernel") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short and knows the notebook's language
    from convkit_student import language, public_check as test_case
except ImportError:
    from otter.test_files import test_case

    def language():
        return "en"

name = 'directional_edge_kernel'
points = None

#: What the checks say, in each language of the notebooks (the messages blocks of the question's sources).
MESSAGES = {
    "en": {
        "test_axis_directions": "axis directions",
        "test_one_scale_for_all_ramps": "one scale for all ramps",
        "down_the_height": "v = (1, 0) (down the height)",
        "along_the_width": "v = (0, 1) (along the width)",
        "along_not_constant": "for {v}, the ramp that increases along v must give one nonzero constant everywhere; got values from {low:.3g} to {high:.3g}",
        "across_not_zero": "for {v}, the ramp that increases across v has no edge orthogonal to v: the response must be 0. Is the height (dim 0, v1) swapped with the width (dim 1, v2)?",
        "ramp_not_constant": "on the ramp {a}*i + {b}*j the response must be constant",
        "zero_along_height": "the response to a ramp along the height must be nonzero when v1 != 0",
        "wrong_scale": "with v = (1, 2) the response to the ramp {a}*i + {b}*j must be c * ({a}*1 + {b}*2) with the same c = {c:.4g} as for the ramp i; got {got:.4g}. Both differences need the same scale"
    },
    "zh": {
        "test_axis_directions": "坐标轴方向",
        "test_one_scale_for_all_ramps": "所有斜坡同一比例",
        "down_the_height": "v = (1, 0)（沿高度向下）",
        "along_the_width": "v = (0, 1)（沿宽度方向）",
        "along_not_constant": "对于 {v}，沿 v 递增的斜坡必须处处得到同一个非零常数；实际得到的值从 {low:.3g} 到 {high:.3g}",
        "across_not_zero": "对于 {v}，横穿 v 递增的斜坡没有与 v 正交的边缘：响应必须为 0。是不是把高（第 0 维，v1）和宽（第 1 维，v2）弄反了？",
        "ramp_not_constant": "在斜坡 {a}*i + {b}*j 上，响应必须是常数",
        "zero_along_height": "当 v1 != 0 时，对沿高度方向的斜坡的响应必须不为零",
        "wrong_scale": "当 v = (1, 2) 时，对斜坡 {a}*i + {b}*j 的响应必须等于 c * ({a}*1 + {b}*2)，其中 c = {c:.4g} 与斜坡 i 的相同；实际得到 {got:.4g}。两个差分需要同样的比例"
    }
}


def explain(key, **values):
    """The message ``key`` in the notebook's language, filled in with ``values``."""
    return MESSAGES[language()][key].format(**values)


@test_case(name=explain('test_axis_directions'), points=None, hidden=False)
def test_axis_directions(directional_edge_kernel, F, torch):
    i = torch.arange(7, dtype=torch.float64)[:, None].expand(7, 9)  # ramp down the height, a = 1
    j = torch.arange(9, dtype=torch.float64)[None, :].expand(7, 9)  # ramp along the width, b = 1
    for v, along, across, name in (((1.0, 0.0), i, j, explain("down_the_height")),
                                   ((0.0, 1.0), j, i, explain("along_the_width"))):
        K = directional_edge_kernel(v).double()
        Y_along = F.conv2d(along[None, None], K[None, None])[0, 0]
        Y_across = F.conv2d(across[None, None], K[None, None])[0, 0]
        assert torch.allclose(Y_along, Y_along.flatten()[0].expand_as(Y_along)) and Y_along.abs().min() > 1e-6, (
            explain("along_not_constant", v=name, low=Y_along.min().item(), high=Y_along.max().item()))
        assert torch.allclose(Y_across, torch.zeros_like(Y_across), atol=1e-9), explain("across_not_zero", v=name)


@test_case(name=explain('test_one_scale_for_all_ramps'), points=None, hidden=False)
def test_one_scale_for_all_ramps(directional_edge_kernel, F, torch):
    v1, v2 = 1.0, 2.0
    K = directional_edge_kernel((v1, v2)).double()
    i = torch.arange(8, dtype=torch.float64)[:, None].expand(8, 8)
    j = torch.arange(8, dtype=torch.float64)[None, :].expand(8, 8)
    responses = {}
    for a, b in ((1.0, 0.0), (0.0, 1.0), (2.0, -1.0), (3.0, 0.5)):
        Y = F.conv2d((a * i + b * j)[None, None], K[None, None])[0, 0]
        assert torch.allclose(Y, Y.flatten()[0].expand_as(Y)), explain("ramp_not_constant", a=a, b=b)
        responses[(a, b)] = Y.flatten()[0].item()
    c = responses[(1.0, 0.0)] / v1
    assert abs(c) > 1e-6, explain("zero_along_height")
    for (a, b), y in responses.items():
        assert abs(y - c * (a * v1 + b * v2)) < 1e-6 * max(1.0, abs(c)), explain("wrong_scale", a=a, b=b, c=c, got=y)
