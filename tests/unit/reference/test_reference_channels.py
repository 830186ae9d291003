"""Tests of ``reference/channels.py`` against PyTorch itself.

Every expected value comes from PyTorch (``F.pad``, ``F.conv2d``, ``nn.Conv2d``,
``torch.utils.flop_counter``) or from d2l's printed examples, never from the reference's
own formulas, so a shared mistake cannot hide. Random configurations are seeded, so a
failure names a reproducible case.
"""
from __future__ import annotations

import random

import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_flatten
from torch.utils.flop_counter import FlopCounterMode

from reference.channels import (
    PAD_MODES,
    conv2d_cost,
    conv_weight_shape,
    corr2d_multi_in,
    corr2d_multi_in_out,
    corr2d_multi_in_out_1x1,
    corr2d_strided,
    pad2d,
)

F64 = torch.float64
SEEDS = range(12)
TORCH_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "replicate", "circular": "circular"}


# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------

class OpRecorder(TorchDispatchMode):
    """Records every ATen op that runs and the device of every tensor it produces.

    On ``meta`` inputs, any device other than ``meta`` in ``devices`` means the code made a
    tensor on a fixed device (``torch.arange(n)`` without ``device=``, ``torch.tensor``...).
    """

    def __init__(self):
        super().__init__()
        self.ops: list = []
        self.devices: set[str] = set()

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        self.ops.append(func.overloadpacket)
        for leaf in tree_flatten(out)[0]:
            if isinstance(leaf, torch.Tensor):
                self.devices.add(leaf.device.type)
        return out


def randn(gen: torch.Generator, *shape: int, dtype=F64) -> torch.Tensor:
    return torch.randn(*shape, generator=gen, dtype=dtype)


def int_or_pair(rng: random.Random, low: int, high: int):
    """An int, or a (height, width) pair given as tuple or list -- all forms the API takes."""
    form = rng.choice(["int", "tuple", "list"])
    if form == "int":
        return rng.randint(low, high)
    pair = (rng.randint(low, high), rng.randint(low, high))
    return pair if form == "tuple" else list(pair)


def as_pair(value) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else tuple(value)


def torch_pad(X: torch.Tensor, padding, mode: str) -> torch.Tensor:
    """``F.pad`` with our conventions: symmetric (ph, pw), and a batch dim added for 2-D
    inputs because PyTorch's non-constant 2-D padding wants ``(c, h, w)`` or more."""
    ph, pw = as_pair(padding)
    if X.dim() == 2:
        return torch_pad(X[None], padding, mode)[0]
    return F.pad(X, (pw, pw, ph, ph), mode=TORCH_MODE[mode])


def torch_refuses(fn) -> bool:
    try:
        fn()
    except (RuntimeError, ValueError, ZeroDivisionError):
        return True
    return False


# --------------------------------------------------------------------------------------
# pad2d
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("mode", PAD_MODES)
@pytest.mark.parametrize("seed", SEEDS)
def test_pad2d_matches_F_pad(mode, seed):
    rng, gen = random.Random(seed), torch.Generator().manual_seed(seed)
    for _ in range(6):
        h, w = rng.randint(1, 9), rng.randint(1, 9)
        shape = (h, w) if rng.random() < 0.5 else (rng.randint(1, 5), h, w)
        X = randn(gen, *shape)
        # largest padding PyTorch allows: reflect < size, circular <= size, others free
        limit = {"reflect": lambda n: n - 1, "circular": lambda n: n}.get(mode, lambda n: 6)
        padding = (rng.randint(0, limit(h)), rng.randint(0, limit(w)))
        if rng.random() < 0.3 and padding[0] <= limit(w):
            padding = padding[0]
        Y = pad2d(X, padding, mode)
        assert Y.shape == torch_pad(X, padding, mode).shape
        torch.testing.assert_close(Y, torch_pad(X, padding, mode), rtol=0, atol=0)


def test_pad2d_known_values():
    """Hand-checked: reflect mirrors about the edge pixel without repeating it (d2l's
    mirror padding), replicate repeats it, circular wraps around."""
    X = torch.tensor([[1, 2, 3]])
    assert pad2d(X, (0, 2), "reflect").tolist() == [[3, 2, 1, 2, 3, 2, 1]]
    assert pad2d(X, (0, 2), "replicate").tolist() == [[1, 1, 1, 2, 3, 3, 3]]
    assert pad2d(X, (0, 2), "circular").tolist() == [[2, 3, 1, 2, 3, 1, 2]]
    assert pad2d(X, (1, 1)).tolist() == [[0, 0, 0, 0, 0], [0, 1, 2, 3, 0], [0, 0, 0, 0, 0]]
    assert pad2d(X, 0, "reflect").tolist() == X.tolist()


def test_pad2d_extra_leading_dims_and_input_untouched():
    gen = torch.Generator().manual_seed(0)
    X = randn(gen, 2, 3, 4, 5)
    before = X.clone()
    for mode in PAD_MODES:
        Y = pad2d(X, (2, 3), mode)
        torch.testing.assert_close(Y, F.pad(X, (3, 3, 2, 2), mode=TORCH_MODE[mode]), rtol=0, atol=0)
    assert torch.equal(X, before)


@pytest.mark.parametrize(
    "shape, padding, mode",
    [
        ((4, 5), 1, "constant"),   # PyTorch's name, not one of ours
        ((4, 5), 1, "mirror"),
        ((4, 5), -1, "zeros"),
        ((4, 5), (1, -1), "replicate"),
        ((4, 5), (4, 0), "reflect"),  # reflect needs padding < size
        ((4, 5), (0, 5), "reflect"),
        ((1, 5), 1, "reflect"),
        ((4, 5), (5, 0), "circular"),  # circular wraps at most once
        ((4, 5), 1.0, "zeros"),
        ((4, 5), (1, 2, 3), "zeros"),
        ((4, 5), True, "zeros"),
        ((5,), 1, "zeros"),
    ],
)
def test_pad2d_rejects(shape, padding, mode):
    X = torch.zeros(shape)
    with pytest.raises(ValueError):
        pad2d(X, padding, mode)
    if mode in TORCH_MODE and len(shape) == 2 and isinstance(padding, (int, tuple)):
        if not isinstance(padding, bool) and all(p >= 0 for p in as_pair(padding)):
            # the size limits are PyTorch's own
            assert torch_refuses(lambda: torch_pad(X, padding, mode))


def test_pad2d_limits_are_inclusive_where_pytorch_allows():
    X = torch.arange(20.0).reshape(4, 5)
    torch.testing.assert_close(pad2d(X, (3, 4), "reflect"), torch_pad(X, (3, 4), "reflect"))
    torch.testing.assert_close(pad2d(X, (4, 5), "circular"), torch_pad(X, (4, 5), "circular"))
    torch.testing.assert_close(pad2d(X, 9, "replicate"), torch_pad(X, 9, "replicate"))


# --------------------------------------------------------------------------------------
# corr2d_strided
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_corr2d_strided_matches_conv2d(seed):
    rng, gen = random.Random(100 + seed), torch.Generator().manual_seed(seed)
    for _ in range(8):
        h, w = rng.randint(1, 12), rng.randint(1, 12)
        padding, stride = int_or_pair(rng, 0, 3), int_or_pair(rng, 1, 4)
        ph, pw = as_pair(padding)
        kh, kw = rng.randint(1, h + 2 * ph), rng.randint(1, w + 2 * pw)
        X, K = randn(gen, h, w), randn(gen, kh, kw)
        expected = F.conv2d(X[None, None], K[None, None], padding=as_pair(padding), stride=as_pair(stride))[0, 0]
        Y = corr2d_strided(X, K, padding=padding, stride=stride)
        assert Y.shape == expected.shape
        torch.testing.assert_close(Y, expected)


@pytest.mark.parametrize(
    "kernel, padding, stride, out",
    [
        ((3, 3), 1, 1, (8, 8)),            # d2l: padding keeps the size
        ((5, 3), (2, 1), 1, (8, 8)),
        ((3, 3), 1, 2, (4, 4)),            # d2l: stride 2 halves it
        ((3, 5), (0, 1), (3, 4), (2, 2)),  # d2l's exercise
    ],
)
def test_corr2d_strided_d2l_shapes(kernel, padding, stride, out):
    gen = torch.Generator().manual_seed(1)
    X, K = randn(gen, 8, 8), randn(gen, *kernel)
    assert corr2d_strided(X, K, padding, stride).shape == out


def test_corr2d_strided_defaults_are_plain_corr2d():
    X = torch.arange(9.0).reshape(3, 3)
    K = torch.arange(4.0).reshape(2, 2)
    assert corr2d_strided(X, K).tolist() == [[19.0, 25.0], [37.0, 43.0]]  # d2l's example


@pytest.mark.parametrize(
    "X_shape, K_shape, padding, stride",
    [
        ((3, 3), (4, 1), 0, 1),       # kernel taller than the input
        ((3, 3), (4, 1), (0, 1), 1),  # padding the width does not help the height
        ((3, 3), (2, 2), 0, 0),
        ((3, 3), (2, 2), 0, (1, -1)),
        ((3, 3), (2, 2), -1, 1),
        ((1, 3, 3), (2, 2), 0, 1),
        ((3, 3), (1, 2, 2), 0, 1),
    ],
)
def test_corr2d_strided_rejects(X_shape, K_shape, padding, stride):
    with pytest.raises(ValueError):
        corr2d_strided(torch.zeros(X_shape), torch.zeros(K_shape), padding, stride)


# --------------------------------------------------------------------------------------
# multiple channels
# --------------------------------------------------------------------------------------

D2L_X = torch.tensor([[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]],
                      [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]])
D2L_K = torch.tensor([[[0.0, 1.0], [2.0, 3.0]], [[1.0, 2.0], [3.0, 4.0]]])


def test_multi_in_d2l_example():
    assert corr2d_multi_in(D2L_X, D2L_K).tolist() == [[56.0, 72.0], [104.0, 120.0]]


def test_multi_in_out_d2l_example():
    K = torch.stack((D2L_K, D2L_K + 1, D2L_K + 2), 0)
    Y = corr2d_multi_in_out(D2L_X, K)
    assert Y.tolist() == [
        [[56.0, 72.0], [104.0, 120.0]],
        [[76.0, 100.0], [148.0, 172.0]],
        [[96.0, 128.0], [192.0, 224.0]],
    ]


def random_channel_case(rng: random.Random, gen: torch.Generator, square_kernel: bool = False):
    """Channel counts drawn apart from the spatial sizes: 1, a few, and many (up to 70)."""
    c = rng.choice([1, 1, 2, 3, 7, 16, 33, 70])
    h, w = rng.randint(1, 9), rng.randint(1, 9)
    kh, kw = (1, 1) if square_kernel else (rng.randint(1, h), rng.randint(1, w))
    co = rng.choice([1, 2, 5, 13, 40])
    return randn(gen, c, h, w), randn(gen, co, c, kh, kw)


@pytest.mark.parametrize("seed", SEEDS)
def test_multi_in_matches_conv2d(seed):
    rng, gen = random.Random(200 + seed), torch.Generator().manual_seed(seed)
    for _ in range(6):
        X, K = random_channel_case(rng, gen)
        expected = F.conv2d(X[None], K[:1])[0, 0]
        Y = corr2d_multi_in(X, K[0])
        assert Y.shape == expected.shape
        torch.testing.assert_close(Y, expected)


@pytest.mark.parametrize("seed", SEEDS)
def test_multi_in_out_matches_conv2d(seed):
    rng, gen = random.Random(300 + seed), torch.Generator().manual_seed(seed)
    for _ in range(6):
        X, K = random_channel_case(rng, gen)
        expected = F.conv2d(X[None], K)[0]
        Y = corr2d_multi_in_out(X, K)
        assert Y.shape == expected.shape
        torch.testing.assert_close(Y, expected)
        # output channel o is the multi-in correlation with K[o], as d2l builds it
        torch.testing.assert_close(Y[-1], corr2d_multi_in(X, K[-1]))


@pytest.mark.parametrize("seed", SEEDS)
def test_1x1_matches_conv2d(seed):
    rng, gen = random.Random(400 + seed), torch.Generator().manual_seed(seed)
    for _ in range(6):
        X, K = random_channel_case(rng, gen, square_kernel=True)
        expected = F.conv2d(X[None], K)[0]
        Y = corr2d_multi_in_out_1x1(X, K)
        assert Y.shape == expected.shape == (K.shape[0], *X.shape[1:])
        torch.testing.assert_close(Y, expected)


def test_1x1_is_one_matmul_and_no_convolution():
    gen = torch.Generator().manual_seed(0)
    X, K = randn(gen, 3, 4, 5), randn(gen, 6, 3, 1, 1)
    with OpRecorder() as rec:
        corr2d_multi_in_out_1x1(X, K)
    matmuls = [op for op in rec.ops if op in (torch.ops.aten.mm, torch.ops.aten.addmm, torch.ops.aten.bmm)]
    assert len(matmuls) == 1
    assert not [op for op in rec.ops if "conv" in str(op)]


@pytest.mark.parametrize(
    "fn, X_shape, K_shape",
    [
        (corr2d_multi_in, (2, 3, 3), (3, 2, 2)),          # channel mismatch
        (corr2d_multi_in, (2, 3, 3), (2, 4, 2)),          # kernel too tall
        (corr2d_multi_in, (3, 3), (2, 2)),                # missing channel dim
        (corr2d_multi_in_out, (2, 3, 3), (4, 3, 2, 2)),
        (corr2d_multi_in_out, (2, 3, 3), (2, 2, 2)),
        (corr2d_multi_in_out_1x1, (2, 3, 3), (4, 2, 2, 2)),  # not a 1x1 kernel
        (corr2d_multi_in_out_1x1, (2, 3, 3), (4, 3, 1, 1)),
    ],
)
def test_multi_channel_rejects(fn, X_shape, K_shape):
    with pytest.raises(ValueError):
        fn(torch.zeros(X_shape), torch.zeros(K_shape))


# --------------------------------------------------------------------------------------
# device, dtype, integers (all tensor functions)
# --------------------------------------------------------------------------------------

TENSOR_CASES = {
    "pad2d zeros": (lambda X, K: pad2d(X[0], (1, 2)), (3, 4, 5), (2, 3, 3, 2)),
    "pad2d reflect": (lambda X, K: pad2d(X, (2, 3), "reflect"), (3, 4, 5), (2, 3, 3, 2)),
    "pad2d replicate": (lambda X, K: pad2d(X[0], 3, "replicate"), (3, 4, 5), (2, 3, 3, 2)),
    "pad2d circular": (lambda X, K: pad2d(X, (4, 1), "circular"), (3, 4, 5), (2, 3, 3, 2)),
    "corr2d_strided": (lambda X, K: corr2d_strided(X[0], K[0, 0], (1, 2), (2, 3)), (3, 6, 7), (2, 3, 3, 2)),
    "corr2d_multi_in": (lambda X, K: corr2d_multi_in(X, K[0]), (3, 6, 7), (2, 3, 3, 2)),
    "corr2d_multi_in_out": (lambda X, K: corr2d_multi_in_out(X, K), (3, 6, 7), (2, 3, 3, 2)),
    "corr2d_multi_in_out_1x1": (lambda X, K: corr2d_multi_in_out_1x1(X, K), (3, 6, 7), (2, 3, 1, 1)),
}


@pytest.mark.parametrize("name", TENSOR_CASES)
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.float16, torch.int64])
def test_meta_device_creates_nothing_elsewhere(name, dtype):
    fn, x_shape, k_shape = TENSOR_CASES[name]
    X, K = torch.empty(x_shape, dtype=dtype, device="meta"), torch.empty(k_shape, dtype=dtype, device="meta")
    with OpRecorder() as rec:
        Y = fn(X, K)
    assert rec.devices == {"meta"}, f"{name} made tensors on {rec.devices - {'meta'}}"
    assert Y.device.type == "meta"
    on_cpu = fn(torch.zeros(x_shape, dtype=dtype), torch.zeros(k_shape, dtype=dtype))
    assert Y.shape == on_cpu.shape
    if dtype.is_floating_point:
        assert Y.dtype == dtype


@pytest.mark.parametrize("name", TENSOR_CASES)
@pytest.mark.parametrize("dtype", [torch.float32, torch.float16, torch.bfloat16])
def test_floating_dtype_kept_and_values_right(name, dtype):
    fn, x_shape, k_shape = TENSOR_CASES[name]
    gen = torch.Generator().manual_seed(5)
    X, K = randn(gen, *x_shape), randn(gen, *k_shape)
    Y = fn(X.to(dtype), K.to(dtype))
    assert Y.dtype == dtype
    tol = {torch.float32: 1e-5, torch.float16: 2e-2, torch.bfloat16: 1e-1}[dtype]
    torch.testing.assert_close(Y.double(), fn(X, K), rtol=tol, atol=tol)


@pytest.mark.parametrize("name", TENSOR_CASES)
@pytest.mark.parametrize("dtype", [torch.int64, torch.int32, torch.uint8])
def test_integer_inputs_give_exact_values(name, dtype):
    fn, x_shape, k_shape = TENSOR_CASES[name]
    gen = torch.Generator().manual_seed(6)
    X = torch.randint(0, 10, x_shape, generator=gen, dtype=dtype)
    K = torch.randint(0, 10, k_shape, generator=gen, dtype=dtype)
    Y = fn(X, K)
    assert not Y.is_floating_point()
    assert torch.equal(Y.double(), fn(X.double(), K.double()))


def test_integer_results_are_exact_beyond_float64():
    """2**53 + 1 is not a float64; a float round trip would return an even number."""
    big = 2**53 + 1
    X = torch.tensor([[[big, 1], [0, 0]], [[0, 0], [0, 0]]])
    K = torch.tensor([[[[1, 1], [0, 0]], [[0, 0], [0, 0]]]])
    assert corr2d_multi_in_out(X, K).item() == big + 1
    assert corr2d_multi_in(X, K[0]).item() == big + 1
    assert corr2d_strided(X[0], K[0, 0]).item() == big + 1
    assert corr2d_multi_in_out_1x1(X, torch.tensor([[[[1]], [[1]]]]))[0, 0, 0].item() == big
    assert pad2d(X[0], 1, "reflect")[0, 0].item() == 0 and pad2d(X[0], 1, "replicate")[0, 0].item() == big


def test_gradients_flow_like_conv2d():
    gen = torch.Generator().manual_seed(7)
    X = randn(gen, 2, 6, 5).requires_grad_()
    K = randn(gen, 3, 2, 3, 2).requires_grad_()
    corr2d_multi_in_out(pad2d(X, 1, "reflect"), K).square().sum().backward()
    gX, gK = X.grad, K.grad
    X.grad = K.grad = None
    F.conv2d(F.pad(X, (1, 1, 1, 1), mode="reflect")[None], K).square().sum().backward()
    torch.testing.assert_close(gX, X.grad)
    torch.testing.assert_close(gK, K.grad)


# --------------------------------------------------------------------------------------
# conv_weight_shape
# --------------------------------------------------------------------------------------

def test_conv_weight_shape_against_nn_conv2d():
    rng = random.Random(11)
    refused = accepted = 0
    for _ in range(300):
        groups = rng.choice([1, 1, 2, 3, 4, 6, 8])
        c_in = groups * rng.randint(1, 5) if rng.random() < 0.7 else rng.randint(1, 24)
        c_out = groups * rng.randint(1, 5) if rng.random() < 0.7 else rng.randint(1, 24)
        kernel = int_or_pair(rng, 1, 7)
        try:
            expected = tuple(nn.Conv2d(c_in, c_out, kernel, groups=groups, device="meta").weight.shape)
        except ValueError:
            refused += 1
            with pytest.raises(ValueError):
                conv_weight_shape(c_in, c_out, kernel, groups=groups)
            continue
        accepted += 1
        assert conv_weight_shape(c_in, c_out, kernel, groups) == expected
        assert conv_weight_shape(c_in, c_out, kernel, groups=groups) == expected
    assert refused > 20 and accepted > 100  # both branches really exercised


def test_conv_weight_shape_examples():
    assert conv_weight_shape(3, 64, 7) == (64, 3, 7, 7)
    assert conv_weight_shape(32, 32, (3, 1), groups=32) == (32, 1, 3, 1)  # depthwise
    assert conv_weight_shape(6, 4, [1, 5], groups=2) == (4, 3, 1, 5)
    assert all(type(n) is int for n in conv_weight_shape(6, 4, torch.Size([1, 5]), groups=2))


@pytest.mark.parametrize(
    "args, kwargs",
    [
        ((4, 6, 3), {"groups": 4}),   # out_channels not divisible (nn.Conv2d: ValueError)
        ((6, 4, 3), {"groups": 4}),   # in_channels not divisible
        ((4, 6, 3), {"groups": 0}),
        ((4, 6, 3), {"groups": -2}),
        ((0, 6, 3), {}),              # nn.Conv2d builds an empty layer here; we refuse
        ((4, 0, 3), {}),
        ((4, 6, 0), {}),
        ((4, 6, (3, 0)), {}),
        ((-1, 6, 3), {}),
        ((4.0, 6, 3), {}),
        ((4, 6, 3.0), {}),
        ((4, 6, (3, 3, 3)), {}),
        ((4, 6, 3), {"groups": 2.0}),
        ((True, 6, 3), {}),
    ],
)
def test_conv_weight_shape_rejects(args, kwargs):
    with pytest.raises(ValueError):
        conv_weight_shape(*args, **kwargs)


# --------------------------------------------------------------------------------------
# conv2d_cost
# --------------------------------------------------------------------------------------

def flop_counter_macs(c_in, c_out, size, kernel, padding, stride) -> int:
    """PyTorch's own count for the forward pass; it counts multiply and add separately."""
    x = torch.empty(1, c_in, *size, device="meta")
    w = torch.empty(c_out, c_in, *kernel, device="meta")
    with FlopCounterMode(display=False) as counter:
        F.conv2d(x, w, padding=padding, stride=stride)
    flops = counter.get_total_flops()
    assert flops % 2 == 0
    return flops // 2


def ones_count_macs(c_in, c_out, size, kernel, padding, stride) -> int:
    """Count the multiplications by running the convolution on ones: padded with *ones*,
    every output element is the number of products it sums (``c_in*kh*kw``), so the sum
    of all outputs is the number of multiply-adds."""
    (ph, pw), (h, w) = padding, size
    x = torch.ones(1, c_in, h + 2 * ph, w + 2 * pw, dtype=F64)
    return int(F.conv2d(x, torch.ones(c_out, c_in, *kernel, dtype=F64), stride=stride).sum())


def test_conv2d_cost_against_independent_counts():
    rng = random.Random(21)
    for _ in range(60):
        c_in, c_out = rng.randint(1, 9), rng.randint(1, 9)
        size, padding, stride = int_or_pair(rng, 1, 14), int_or_pair(rng, 0, 3), int_or_pair(rng, 1, 4)
        (h, w), (ph, pw) = as_pair(size), as_pair(padding)
        kernel = (rng.randint(1, h + 2 * ph), rng.randint(1, w + 2 * pw))
        if rng.random() < 0.3 and kernel[0] <= w + 2 * pw and as_pair(padding)[0] == as_pair(padding)[1]:
            kernel = kernel[0]
        cost = conv2d_cost(c_in, c_out, size, kernel, padding, stride)
        shapes = (c_in, c_out, as_pair(size), as_pair(kernel), as_pair(padding), as_pair(stride))
        assert cost == flop_counter_macs(*shapes)
        assert cost == ones_count_macs(*shapes)
        assert type(cost) is int


def test_conv2d_cost_d2l_style_example():
    # 3 -> 64 channels, 7x7 kernel, stride 2, padding 3 on 224x224 (ResNet's stem):
    # 112*112 outputs per channel, each a 3*7*7 dot product.
    assert conv2d_cost(3, 64, 224, 7, padding=3, stride=2) == 64 * 112 * 112 * 3 * 7 * 7
    # a 1x1 convolution costs c_in * c_out per pixel
    assert conv2d_cost(16, 8, (5, 6), 1) == 16 * 8 * 5 * 6


def test_conv2d_cost_refuses_where_pytorch_refuses():
    rng = random.Random(31)
    refused = 0
    for _ in range(120):
        c_in, c_out = rng.randint(1, 3), rng.randint(1, 3)
        size, kernel = int_or_pair(rng, 1, 6), int_or_pair(rng, 1, 7)
        padding, stride = int_or_pair(rng, 0, 2), int_or_pair(rng, 1, 3)
        if rng.random() < 0.25:  # now and then a padding or stride PyTorch refuses
            padding, stride = rng.choice([(-1, stride), ((1, -1), stride), (padding, 0), (padding, (2, -1))])
        conv = lambda: nn.Conv2d(c_in, c_out, kernel, stride=stride, padding=padding)(
            torch.zeros(1, c_in, *as_pair(size))
        )
        if torch_refuses(conv):
            refused += 1
            with pytest.raises(ValueError):
                conv2d_cost(c_in, c_out, size, kernel, padding, stride)
        else:
            assert conv2d_cost(c_in, c_out, size, kernel, padding, stride) == conv().shape.numel() * c_in * (
                as_pair(kernel)[0] * as_pair(kernel)[1]
            )
    assert 20 < refused < 100


@pytest.mark.parametrize(
    "args",
    [
        (0, 4, 8, 3),
        (3, 0, 8, 3),
        (3, 4, 0, 1),
        (3, 4, 8, 0),
        (3, 4, (8, 2), 3),       # kernel wider than the input
        (3, 4, 8, 3, 1, 0),
        (3, 4, 8, 3, (1, -1)),
        (3, 4, 8.0, 3),
        (3, 4, 8, 3, 0, (1, 1, 1)),
    ],
)
def test_conv2d_cost_rejects(args):
    with pytest.raises(ValueError):
        conv2d_cost(*args)
