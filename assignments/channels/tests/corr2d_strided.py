"""Public checks for corr2d_strided (generated from 02-corr2d_strided.md by `convkit build`): grader.check("corr2d_strided") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'corr2d_strided'
points = None


@test_case(name='d2l shapes', points=None, hidden=False)
def test_d2l_shapes(corr2d_strided, torch):
    X = torch.ones(8, 8)
    cases = [((3, 3), 1, 1, (8, 8)), ((5, 3), (2, 1), 1, (8, 8)), ((3, 3), 1, 2, (4, 4)), ((3, 5), (0, 1), (3, 4), (2, 2))]
    for kernel, padding, stride, expected in cases:
        Y = corr2d_strided(X, torch.ones(kernel), padding, stride)
        assert tuple(Y.shape) == expected, (
            f"d2l's example: an 8×8 input, kernel {kernel}, padding {padding}, stride {stride} gives {expected} "
            f"(floor((n + 2p - k) / s) + 1 per dimension); got {tuple(Y.shape)}")


@test_case(name='values match f conv2d', points=None, hidden=False)
def test_values_match_f_conv2d(corr2d_strided, F, torch):
    X = torch.arange(42.0).reshape(6, 7)
    K = torch.tensor([[1.0, 0.0, -1.0], [2.0, 0.5, -2.0]])
    for padding, stride in ((0, 1), (1, 1), (0, 2), ((1, 2), (2, 3))):
        Y = corr2d_strided(X, K, padding, stride)
        expected = F.conv2d(X[None, None], K[None, None], padding=padding, stride=stride)[0, 0]
        assert tuple(Y.shape) == tuple(expected.shape) and torch.allclose(Y, expected), (
            f"with padding={padding}, stride={stride} the result must equal F.conv2d's: pad with zeros first, "
            f"then move the window by the stride (Y[i, j] uses Xp[i*sh : i*sh + kh, j*sw : j*sw + kw])")


@test_case(name='keeps float64 and meta', points=None, hidden=False)
def test_keeps_float64_and_meta(corr2d_strided, torch):
    Y = corr2d_strided(torch.ones(5, 5, dtype=torch.float64), torch.ones(2, 2, dtype=torch.float64), 1, 2)
    assert Y.dtype == torch.float64, f"float64 inputs must give a float64 result; got {Y.dtype}"
    M = corr2d_strided(torch.ones(5, 5, device="meta"), torch.ones(2, 2, device="meta"), 1, 2)
    assert M.device.type == "meta" and tuple(M.shape) == (3, 3), (
        f"meta inputs must give a (3, 3) meta result; got {tuple(M.shape)} on {M.device.type}")
