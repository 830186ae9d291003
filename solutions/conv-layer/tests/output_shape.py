"""Public checks for output_shape (generated from 13-output_shape.md by `convkit build`): grader.check("output_shape") runs them."""
OK_FORMAT = False

try:  # convkit_student.py, beside the notebook, makes the report short (see that file)
    from convkit_student import public_check as test_case
except ImportError:
    from otter.test_files import test_case

name = 'output_shape'
points = None


@test_case(name='d2l examples', points=None, hidden=False)
def test_d2l_examples(conv2d_output_shape):
    # d2l 7.3 ("Padding and Stride"), all on an 8×8 input.
    cases = [
        (dict(kernel_size=3, padding=1), (8, 8), "a 3×3 kernel with padding 1 keeps the size"),
        (dict(kernel_size=3, padding=1, stride=2), (4, 4), "stride 2 halves it: floor((8 + 2 - 3) / 2) + 1 = 4"),
        (dict(kernel_size=(3, 5), padding=(0, 1), stride=(3, 4)), (2, 2),
         "d2l's exercise: floor((8 + 0 - 3) / 3) + 1 = 2 and floor((8 + 2 - 5) / 4) + 1 = 2"),
    ]
    for arguments, expected, why in cases:
        got = conv2d_output_shape((8, 8), **arguments)
        assert tuple(got) == expected, f"conv2d_output_shape((8, 8), {arguments}) should be {expected} ({why}); got {got}"


@test_case(name='matches nn conv2d', points=None, hidden=False)
def test_matches_nn_conv2d(conv2d_output_shape, nn, torch):
    arguments = dict(kernel_size=(3, 2), padding=(1, 0), stride=(2, 3), dilation=(2, 1))
    expected = tuple(nn.Conv2d(1, 1, **arguments)(torch.zeros(1, 1, 10, 13)).shape[-2:])
    got = conv2d_output_shape((10, 13), **arguments)
    assert tuple(got) == expected, (
        f"conv2d_output_shape((10, 13), {arguments}) should match nn.Conv2d, {expected}; got {got}. "
        f"Dilation d spreads the kernel over d*(k - 1) + 1 pixels")
    refused = [
        ((3, 4), {}, "a 4×4 kernel does not fit into a 3×3 input"),
        ((5, 7), {"stride": 4}, "a 7×7 kernel does not fit into a 5×5 input (int((5 - 7) / 4) rounds -0.5 up to 0: "
                                "use floor division //)"),
        ((6, 2), {"stride": 0}, "a stride must be at least 1"),
    ]
    for args, keywords, why in refused:
        try:
            got = conv2d_output_shape(*args, **keywords)
        except ValueError:
            continue
        raise AssertionError(f"conv2d_output_shape{args} with {keywords}: {why}, so nn.Conv2d refuses it: "
                             f"raise ValueError; got {got!r}")


@test_case(name='same padding', points=None, hidden=False)
def test_same_padding(same_padding, nn, torch):
    for kernel in (5, (3, 7)):
        padding = same_padding(kernel)
        shape = tuple(nn.Conv2d(1, 1, kernel, padding=padding)(torch.zeros(1, 1, 9, 12)).shape[-2:])
        assert shape == (9, 12), (
            f"nn.Conv2d(1, 1, {kernel!r}, padding={padding!r}) should keep a 9×12 input's size; it gives {shape}. "
            f"At stride 1, n_out = n + 2p - k + 1, so p = (k - 1) / 2 per side, per dimension")
    try:
        same_padding(6)
    except ValueError:
        pass
    else:
        raise AssertionError("an even kernel cannot keep the size with equal padding on both sides: raise ValueError")


@test_case(name='transpose matches nn conv transpose2d', points=None, hidden=False)
def test_transpose_matches_nn_conv_transpose2d(conv_transpose2d_output_shape, nn, torch):
    for size, arguments in (((5, 5), dict(kernel_size=2, stride=2)),
                            ((6, 7), dict(kernel_size=3, padding=1, stride=(2, 3), output_padding=(1, 2))),
                            ((4, 4), dict(kernel_size=3, dilation=2, output_padding=1))):  # op < dilation suffices
        expected = tuple(nn.ConvTranspose2d(1, 1, **arguments)(torch.zeros(1, 1, *size)).shape[-2:])
        got = conv_transpose2d_output_shape(size, **arguments)
        assert tuple(got) == expected, (
            f"conv_transpose2d_output_shape({size}, {arguments}) should match nn.ConvTranspose2d, {expected}; "
            f"got {got}. n_out = (n - 1)*s - 2p + d*(k - 1) + output_padding + 1")
