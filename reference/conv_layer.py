"""Reference solutions for the assignment ``conv-layer`` ("Convolutions for Images", d2l.ai).

The hidden graders import this module to compute expected values, so it follows the
exercise contract (``CONTRACT.md``, made from the question stubs) to the letter and adds a
few things graders rely on:

* Every tensor result lives on the device of its tensor inputs and is computed by ops that
  take that device from their inputs (``unfold``, ``new_zeros``, ``arange(device=...)``),
  never from a hard-coded one. That is what lets graders run the same reference on CPU,
  CUDA and PyTorch's ``meta`` device.
* Floating inputs keep their dtype (mixed dtypes follow PyTorch's promotion); integer
  inputs give exact values as int64, so small integer types (``uint8`` images) cannot
  overflow.
* Hand-designed kernels are returned in ``torch.get_default_dtype()`` unless a keyword-only
  ``dtype`` / ``device`` is given; graders normally ask for ``torch.float64``.
* Invalid arguments raise ``ValueError`` whose message starts with the function name and
  names the offending argument, so graders can show it to a student verbatim.

Nothing here loops over pixels in Python: graders call these functions many times.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import torch
from torch import nn

from reference._arguments import as_int, as_pair

__all__ = [
    "corr2d",
    "Conv2D",
    "learn_kernel",
    "gradient_step",
    "convolve2d",
    "diagonal_image",
    "diagonal_responses",
    "diagonal_edge_kernel",
    "directional_edge_kernel",
    "second_derivative_kernel",
    "laplacian_kernel",
    "blur_kernel",
    "derivative_kernel",
    "min_derivative_kernel_size",
    "kernel_matrix",
    "corr2d_matmul",
    "transpose_corr2d",
    "conv2d_output_shape",
    "same_padding",
    "conv_transpose2d_output_shape",
    "receptive_field",
]


# --------------------------------------------------------------------------------------
# Argument checking (ints and pairs: reference._arguments)
# --------------------------------------------------------------------------------------
def _check_image(tensor, name: str, func: str) -> None:
    """Refuse anything but a 2-D tensor: a 3-D input would silently be 'unfolded' wrongly."""
    if not isinstance(tensor, torch.Tensor):
        raise ValueError(f"{func}: {name} must be a torch.Tensor, got {type(tensor).__name__}")
    if tensor.dim() != 2:
        raise ValueError(
            f"{func}: {name} must be a 2-D tensor (h, w), got shape {tuple(tensor.shape)}"
        )


def _valid_output_shape(input_shape, kernel_shape, func: str) -> tuple[int, int]:
    """Shape ``(h - kh + 1, w - kw + 1)`` of a 'valid' cross-correlation, checking it exists."""
    (h, w), (kh, kw) = input_shape, kernel_shape
    if kh < 1 or kw < 1:
        raise ValueError(f"{func}: kernel K must not be empty, got shape {(kh, kw)}")
    if kh > h or kw > w:
        raise ValueError(
            f"{func}: kernel K of shape {(kh, kw)} is larger than the input of shape {(h, w)}"
        )
    return h - kh + 1, w - kw + 1


def _patches(X: torch.Tensor, kernel_shape) -> torch.Tensor:
    """All ``(kh, kw)`` windows of ``X`` as a view of shape ``(oh, ow, kh, kw)``.

    ``unfold`` makes a strided *view* (no copy, no Python loop) on X's own device, and it is
    differentiable, so ``Conv2D`` gets gradients for free.
    """
    kh, kw = kernel_shape
    return X.unfold(0, kh, 1).unfold(1, kw, 1)


def _matvec(A: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """``A @ x`` for any mix of dtypes, as exactly one matrix multiplication.

    ``@`` refuses mixed dtypes and CUDA has no integer matmul, so the operands are promoted
    first; integer operands are multiplied in float64 (exact below 2**53) and rounded to
    int64, the dtype ``corr2d`` gives for integers (no ``uint8`` overflow either).
    """
    dtype = torch.promote_types(A.dtype, x.dtype)
    if dtype.is_floating_point or dtype.is_complex:
        return A.to(dtype) @ x.to(dtype)
    return (A.to(torch.float64) @ x.to(torch.float64)).round().to(torch.int64)


def _widen_integers(X: torch.Tensor, K: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Cast integer (and bool) operands to int64 before multiplying: ``uint8 * uint8``
    wraps around at 256, and image data often is ``uint8``. Floating operands are untouched."""
    dtype = torch.promote_types(X.dtype, K.dtype)
    if dtype.is_floating_point or dtype.is_complex:
        return X, K
    return X.to(torch.int64), K.to(torch.int64)


def _kernel(rows, dtype=None, device=None) -> torch.Tensor:
    """Build a hand-designed kernel as a floating tensor (default dtype unless asked)."""
    return torch.tensor(rows, dtype=dtype or torch.get_default_dtype(), device=device)


# --------------------------------------------------------------------------------------
# corr2d, Conv2D, learning a kernel
# --------------------------------------------------------------------------------------
def corr2d(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    """2-D cross-correlation of ``X (h, w)`` with ``K (kh, kw)``: stride 1, no padding.

    ``Y[i, j] = (X[i:i+kh, j:j+kw] * K).sum()``, shape ``(h-kh+1, w-kw+1)``.

    Why this form: d2l's double loop is correct but slow, and ``torch.zeros(...)`` in it
    would put the result on the CPU in the default dtype. Windows from ``unfold`` multiplied
    elementwise by ``K`` and summed keep X's device, keep a floating dtype, work for integer
    tensors (no matmul, which CUDA lacks for ints) and are differentiable in X and K.
    """
    _check_image(X, "X", "corr2d")
    _check_image(K, "K", "corr2d")
    _valid_output_shape(X.shape, K.shape, "corr2d")
    X, K = _widen_integers(X, K)
    return (_patches(X, K.shape) * K).sum(dim=(-2, -1))


class Conv2D(nn.Module):
    """d2l's hand-made convolutional layer: ``corr2d(x, weight) + bias``.

    ``weight`` starts as ``torch.rand(kernel_size)`` like d2l (a random, non-symmetric start
    so that gradient descent has something to do) and ``bias`` as one zero. Both are
    ``nn.Parameter``s, so ``.to(device)`` / ``.double()`` / optimisers see them.
    """

    def __init__(self, kernel_size):
        super().__init__()
        shape = as_pair(kernel_size, "kernel_size", "Conv2D", minimum=1)
        self.weight = nn.Parameter(torch.rand(shape))
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return corr2d(x, self.weight) + self.bias


def _squared_error(prediction: torch.Tensor, Y: torch.Tensor) -> torch.Tensor:
    """The loss of ``learn_kernel``: the *summed* squared error (d2l sums, it does not average)."""
    return ((prediction - Y) ** 2).sum()


def _check_target(X: torch.Tensor, Y: torch.Tensor, kernel_shape, func: str) -> None:
    """``Y`` must have the output shape; otherwise broadcasting would hide the mistake."""
    _check_image(X, "X", func)
    _check_image(Y, "Y", func)
    expected = _valid_output_shape(X.shape, kernel_shape, func)
    if tuple(Y.shape) != expected:
        raise ValueError(
            f"{func}: Y must have the output shape {expected} of a {tuple(kernel_shape)} kernel "
            f"on X of shape {tuple(X.shape)}, got {tuple(Y.shape)}"
        )


def learn_kernel(X: torch.Tensor, Y: torch.Tensor, kernel_size, lr: float = 0.01,
                 steps: int = 20) -> Conv2D:
    """Learn a kernel from an input/output pair by plain gradient descent (d2l's experiment).

    A fresh ``Conv2D(kernel_size)`` is made exactly as a student would (``torch.rand`` on the
    CPU in the default dtype, so a seeded grader gets the same start) and then moved to X's
    device and dtype (the default dtype for integer X). Each step: zero the gradients (they
    accumulate otherwise), back-propagate the summed squared error, and update
    ``p -= lr * p.grad`` under ``no_grad`` for ``weight`` and ``bias``.

    Step size: the summed loss is quadratic, so descent is stable only for
    ``lr < 2 / (largest Hessian eigenvalue)``, and the bias adds a large one (twice the number
    of outputs). On d2l's 6x8 edge image that bound is about 0.0161: d2l's ``lr = 3e-2`` was
    tuned for a bias-free ``nn.Conv2d`` and diverges here; the defaults (0.01, 20 steps) come
    within about 0.12 of ``[[1, -1]]``, ``lr = 0.015`` with 30 steps within 0.01.
    """
    steps = as_int(steps, "steps", "learn_kernel")
    if steps < 0:
        raise ValueError(f"learn_kernel: steps must be >= 0, got {steps}")
    net = Conv2D(kernel_size)
    _check_target(X, Y, net.weight.shape, "learn_kernel")
    dtype = X.dtype if X.dtype.is_floating_point else torch.get_default_dtype()
    net.to(device=X.device, dtype=dtype)
    X, Y = X.to(dtype), Y.to(dtype)
    for _ in range(steps):
        net.zero_grad(set_to_none=True)
        _squared_error(net(X), Y).backward()
        with torch.no_grad():
            for p in (net.weight, net.bias):
                p -= lr * p.grad
    net.zero_grad(set_to_none=True)
    return net


def gradient_step(weight: torch.Tensor, bias: torch.Tensor, X: torch.Tensor,
                  Y: torch.Tensor, lr: float) -> tuple[torch.Tensor, torch.Tensor]:
    """One gradient-descent step of ``learn_kernel``'s loss, as a pure function.

    Graders use it to check one student step exactly, so it keeps no autograd state and
    never touches the inputs. With the residual ``R = corr2d(X, w) + b - Y`` the loss
    ``sum(R**2)`` has the analytic gradients ``dL/dw = 2 * corr2d(X, R)`` (each weight sees
    the input under every output it contributes to) and ``dL/db = 2 * R.sum()``.
    Returns ``(weight - lr * dL/dw, bias - lr * dL/db)``.
    """
    _check_image(weight, "weight", "gradient_step")
    _check_target(X, Y, weight.shape, "gradient_step")
    weight, bias, X, Y = (torch.as_tensor(t).detach() for t in (weight, bias, X, Y))
    residual = corr2d(X, weight) + bias - Y
    return weight - lr * 2 * corr2d(X, residual), bias - lr * 2 * residual.sum()


def convolve2d(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    """True 2-D convolution in 'valid' mode: cross-correlation with K flipped in both axes.

    Convolution reverses the kernel (``Y[i, j] = sum X[i+a, j+b] K[kh-1-a, kw-1-b]``); deep
    learning's "convolution" skips the flip because a learned kernel absorbs it.
    """
    _check_image(K, "K", "convolve2d")
    return corr2d(X, K.flip(0, 1))


# --------------------------------------------------------------------------------------
# Exercise 1: diagonal edges, and hand-designed kernels
# --------------------------------------------------------------------------------------
def diagonal_image(n: int, *, dtype=None, device=None) -> torch.Tensor:
    """An ``n x n`` image whose only edges are diagonal: ``torch.eye(n)``.

    Why the identity: it is the image d2l's exercise itself uses, its value depends only on
    ``j - i`` (1 on ``j == i``, 0 elsewhere), and its edges are sharp steps on both sides of
    the diagonal, so ``K = [[1, -1]]`` lights up exactly there. (A ramp in ``j - i`` would also
    qualify, but has no step edge at all.) Needs ``n >= 2``: a 1x1 image is constant.
    """
    n = as_int(n, "n", "diagonal_image")
    if n < 2:
        raise ValueError(f"diagonal_image: n must be >= 2 (a 1x1 image is constant), got {n}")
    return torch.eye(n, dtype=dtype or torch.get_default_dtype(), device=device)


def diagonal_responses(*, dtype=None, device=None) -> dict[str, torch.Tensor]:
    """d2l exercise 1's three "what happens" answers, as computed tensors.

    With ``X = torch.eye(8)`` and ``K = [[1, -1]]``:

    * ``"K"``: ``corr2d(X, K)`` (8x7): +1 on the diagonal, -1 just below it; a diagonal edge
      is seen by the horizontal-difference kernel because it is also a vertical step in
      every row.
    * ``"transpose_X"``: ``corr2d(X.T, K)``: identical, because the identity is symmetric.
    * ``"transpose_K"``: ``corr2d(X, K.T)`` (7x8): +1 on the diagonal, -1 just above it, the
      transpose of the first answer.
    """
    X = diagonal_image(8, dtype=dtype, device=device)
    K = _kernel([[1.0, -1.0]], dtype=X.dtype, device=X.device)
    return {"K": corr2d(X, K), "transpose_X": corr2d(X.T, K), "transpose_K": corr2d(X, K.T)}


def diagonal_edge_kernel(*, dtype=None, device=None) -> torch.Tensor:
    """``[[1, -1], [-1, 1]]``: the discrete mixed derivative ``f_xy``.

    Why: on any image of the form ``g(i) + h(j)`` (constants, horizontal and vertical edges
    of any profile) the four terms cancel exactly, while a diagonal step does not separate
    that way and gives a nonzero response along it. (Roberts' ``[[1, 0], [0, -1]]`` would
    also fire on horizontal and vertical edges, so it does not qualify.)
    """
    return _kernel([[1.0, -1.0], [-1.0, 1.0]], dtype=dtype, device=device)


def directional_edge_kernel(v, *, dtype=None, device=None) -> torch.Tensor:
    """Kernel for the directional derivative along ``v = (v1, v2)`` (v1: height, v2: width).

    ``[[-(v1 + v2), v2], [v1, 0]]`` is ``v1 * (forward difference along the height) +
    v2 * (forward difference along the width)``; on a ramp ``f = a*i + b*j`` it gives the
    constant ``a*v1 + b*v2`` (``c = 1``), zero on constant images, so it detects edges
    orthogonal to ``v``.
    """
    values = tuple(v.tolist() if isinstance(v, torch.Tensor) else v)
    if len(values) != 2:
        raise ValueError(f"directional_edge_kernel: v must have 2 components (v1, v2), got {v!r}")
    v1, v2 = (float(x) for x in values)
    return _kernel([[-(v1 + v2), v2], [v1, 0.0]], dtype=dtype, device=device)


def second_derivative_kernel(*, dtype=None, device=None) -> torch.Tensor:
    """``[[1, -2, 1]]``: the central second difference, exact (``2a``) on every quadratic.

    Three taps is the minimum: a second derivative needs three samples.
    """
    return derivative_kernel(2, dtype=dtype, device=device)


def laplacian_kernel(*, dtype=None, device=None) -> torch.Tensor:
    """The 4-neighbour Laplacian ``[[0, 1, 0], [1, -4, 1], [0, 1, 0]]``.

    It is the sum of the second-difference kernel along the width and along the height,
    hence exact ``f_xx + f_yy`` on quadratics (the mixed ``xy`` term cancels by symmetry).
    """
    return _kernel([[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]],
                   dtype=dtype, device=device)


def blur_kernel(size: int, *, dtype=None, device=None) -> torch.Tensor:
    """A ``size x size`` box filter (every tap ``1 / size**2``).

    Non-negative and summing to 1, it keeps constant images unchanged and averages
    ``size**2`` independent noise samples (variance divided by ``size**2``); being constant
    it is symmetric under both flips.
    """
    size = as_int(size, "size", "blur_kernel")
    if size < 1:
        raise ValueError(f"blur_kernel: size must be >= 1, got {size}")
    return torch.full((size, size), 1.0 / size**2,
                      dtype=dtype or torch.get_default_dtype(), device=device)


def _check_order(d, func: str) -> int:
    """Derivative orders are non-negative ints."""
    d = as_int(d, "d", func)
    if d < 0:
        raise ValueError(f"{func}: d must be >= 0, got {d}")
    return d


def derivative_kernel(d: int, *, dtype=None, device=None) -> torch.Tensor:
    """``(1, d+1)`` kernel of the d-th forward difference along the width.

    Coefficients ``(-1)**(d-k) * C(d, k)`` for ``k = 0..d``. The d-th difference of a
    polynomial of degree <= d is its d-th derivative exactly (the constant ``d! * leading
    coefficient``), e.g. ``d! `` on ``x**d``; ``d = 0`` is the identity ``[[1]]``.
    """
    d = _check_order(d, "derivative_kernel")
    return _kernel([[(-1) ** (d - k) * math.comb(d, k) for k in range(d + 1)]],
                   dtype=dtype, device=device)


def min_derivative_kernel_size(d: int) -> int:
    """``d + 1``: a d-th derivative needs ``d + 1`` samples (a polynomial of degree d has
    ``d + 1`` unknown coefficients, and fewer samples cannot tell ``x**d`` from lower ones)."""
    return _check_order(d, "min_derivative_kernel_size") + 1


# --------------------------------------------------------------------------------------
# Cross-correlation as a matrix multiplication
# --------------------------------------------------------------------------------------
def kernel_matrix(K: torch.Tensor, input_shape) -> torch.Tensor:
    """The matrix ``C (oh*ow, h*w)`` with ``C @ X.reshape(-1) == corr2d(X, K).reshape(-1)``.

    Row ``i*ow + j`` holds ``K`` at the flattened positions of the window at ``(i, j)``:
    ``C[i*ow + j, (i+a)*w + (j+b)] = K[a, b]``. The indices are built by broadcasting
    ``arange``s on K's device and written with one ``index_put`` (differentiable in K);
    ``C`` has K's device and dtype.
    """
    _check_image(K, "K", "kernel_matrix")
    h, w = as_pair(input_shape, "input_shape", "kernel_matrix", minimum=1)
    kh, kw = K.shape
    oh, ow = _valid_output_shape((h, w), (kh, kw), "kernel_matrix")

    def ar(n):
        return torch.arange(n, device=K.device)

    # Broadcast to (oh, ow, kh, kw): output position (i, j), kernel offset (a, b).
    i, j, a, b = ar(oh)[:, None, None, None], ar(ow)[None, :, None, None], ar(kh)[:, None], ar(kw)
    rows = (i * ow + j).expand(oh, ow, kh, kw)
    cols = (i + a) * w + (j + b)
    values = K.expand(oh, ow, kh, kw)
    return K.new_zeros((oh * ow, h * w)).index_put((rows.reshape(-1), cols.reshape(-1)),
                                                   values.reshape(-1))


def corr2d_matmul(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    """``corr2d`` through exactly one matrix multiplication (im2col).

    The windows of X, flattened to the rows of an ``(oh*ow, kh*kw)`` matrix, times the
    flattened kernel. This is how convolution libraries turn convolutions into GEMMs, and
    it needs no ``(oh*ow, h*w)`` matrix like ``kernel_matrix``.
    """
    _check_image(X, "X", "corr2d_matmul")
    _check_image(K, "K", "corr2d_matmul")
    oh, ow = _valid_output_shape(X.shape, K.shape, "corr2d_matmul")
    columns = _patches(X, K.shape).reshape(oh * ow, K.numel())
    return _matvec(columns, K.reshape(-1)).reshape(oh, ow)


def transpose_corr2d(Y: torch.Tensor, K: torch.Tensor, input_shape) -> torch.Tensor:
    """``(C.T @ Y.reshape(-1)).reshape(input_shape)`` with ``C = kernel_matrix(K, input_shape)``.

    ``C.T`` spreads each output value back over the window it came from: the adjoint of
    cross-correlation, which is what ``torch.nn.functional.conv_transpose2d`` computes
    (and why it is called a *transposed* convolution).
    """
    _check_image(Y, "Y", "transpose_corr2d")
    C = kernel_matrix(K, input_shape)
    shape = as_pair(input_shape, "input_shape", "transpose_corr2d")
    expected = _valid_output_shape(shape, K.shape, "transpose_corr2d")
    if tuple(Y.shape) != expected:
        raise ValueError(
            f"transpose_corr2d: Y must have shape {expected} (the corr2d output of a "
            f"{tuple(K.shape)} kernel on {shape}), got {tuple(Y.shape)}"
        )
    return _matvec(C.T, Y.reshape(-1)).reshape(shape)


# --------------------------------------------------------------------------------------
# Shapes: output sizes, padding, receptive field
# --------------------------------------------------------------------------------------
def _conv_args(func: str, input_size, kernel_size, padding, stride, dilation):
    """Normalise and check the arguments both shape functions share, as PyTorch does."""
    return (
        as_pair(input_size, "input_size", func, minimum=1),
        as_pair(kernel_size, "kernel_size", func, minimum=1),
        as_pair(padding, "padding", func, minimum=0),
        as_pair(stride, "stride", func, minimum=1),
        as_pair(dilation, "dilation", func, minimum=1),
    )


def _check_output(out: tuple[int, int], func: str, what: str) -> tuple[int, int]:
    """PyTorch refuses configurations whose output would be empty."""
    if min(out) < 1:
        raise ValueError(f"{func}: output size {out} is not positive ({what})")
    return out


def conv2d_output_shape(input_size, kernel_size, padding=0, stride=1,
                        dilation=1) -> tuple[int, int]:
    """``(h_out, w_out)`` of ``nn.Conv2d``: ``floor((n + 2p - d*(k-1) - 1) / s) + 1``.

    ``padding`` is per side (added on both sides), as in ``nn.Conv2d``; every argument is an
    int or a pair ``(h, w)``. ``ValueError`` where PyTorch refuses: empty input,
    non-positive kernel/stride/dilation, negative padding, or a dilated kernel larger than
    the padded input (non-positive output).
    """
    func = "conv2d_output_shape"
    n, k, p, s, d = _conv_args(func, input_size, kernel_size, padding, stride, dilation)
    out = tuple((n[x] + 2 * p[x] - d[x] * (k[x] - 1) - 1) // s[x] + 1 for x in range(2))
    return _check_output(out, func, "the dilated kernel is larger than the padded input")


def same_padding(kernel_size):
    """Per-side padding ``(k - 1) // 2`` that keeps the size at stride 1, for odd kernels.

    Mirrors the input form: an int gives an int, a pair gives a pair. An even kernel would
    need different padding on the two sides, which a single per-side number cannot express,
    so it raises ``ValueError``.
    """
    func = "same_padding"
    k = as_pair(kernel_size, "kernel_size", func, minimum=1)
    if k[0] % 2 == 0 or k[1] % 2 == 0:
        raise ValueError(
            f"{func}: kernel_size must be odd in each dimension to keep the size with equal "
            f"padding on both sides, got {kernel_size!r}"
        )
    p = tuple((x - 1) // 2 for x in k)
    return p if isinstance(kernel_size, (tuple, list, torch.Size)) else p[0]


def conv_transpose2d_output_shape(input_size, kernel_size, padding=0, stride=1,
                                  output_padding=0, dilation=1) -> tuple[int, int]:
    """``(h_out, w_out)`` of ``nn.ConvTranspose2d``:
    ``(n - 1)*s - 2p + d*(k - 1) + output_padding + 1``.

    ``ValueError`` where PyTorch refuses: the cases of ``conv2d_output_shape``'s arguments,
    negative ``output_padding``, an ``output_padding`` not smaller than the stride or the
    dilation in its dimension (it only picks among the input sizes a strided convolution
    maps to the same output size), and a non-positive result.
    """
    func = "conv_transpose2d_output_shape"
    n, k, p, s, d = _conv_args(func, input_size, kernel_size, padding, stride, dilation)
    op = as_pair(output_padding, "output_padding", func, minimum=0)
    for x in range(2):
        if not (op[x] < s[x] or op[x] < d[x]):
            raise ValueError(
                f"{func}: output_padding {output_padding!r} must be smaller than either stride "
                f"{stride!r} or dilation {dilation!r} in each dimension"
            )
    out = tuple((n[x] - 1) * s[x] - 2 * p[x] + d[x] * (k[x] - 1) + op[x] + 1 for x in range(2))
    return _check_output(out, func, "padding removes more than the transposed convolution produces")


def _int_list(values, name: str, func: str) -> list[int]:
    """A list/tuple of ints (one per layer); a bare int or a string is a mistake."""
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, (Sequence, torch.Size)):
        raise ValueError(f"{func}: {name} must be a sequence of ints, got {values!r}")
    return [as_int(v, name, func) for v in values]


def receptive_field(kernel_sizes: Sequence[int], strides: Sequence[int] | None = None) -> int:
    """Side of the input region one output element of a stack of convolutions sees.

    Layer ``l`` with kernel ``k_l`` widens the region by ``k_l - 1`` of *its* input pixels,
    and each of those is ``prod(strides before l)`` pixels of the original input apart:
    ``1 + sum((k_l - 1) * prod(s_1 .. s_{l-1}))``. Square kernels, ints; stride 1 by default.
    """
    func = "receptive_field"
    kernels = _int_list(kernel_sizes, "kernel_sizes", func)
    steps = [1] * len(kernels) if strides is None else _int_list(strides, "strides", func)
    if len(steps) != len(kernels):
        raise ValueError(
            f"{func}: strides must have one entry per kernel ({len(kernels)}), got {len(steps)}"
        )
    if any(k < 1 for k in kernels):
        raise ValueError(f"{func}: kernel_sizes must all be >= 1, got {kernels}")
    if any(s < 1 for s in steps):
        raise ValueError(f"{func}: strides must all be >= 1, got {steps}")
    field, jump = 1, 1
    for k, s in zip(kernels, steps):
        field += (k - 1) * jump
        jump *= s
    return field
