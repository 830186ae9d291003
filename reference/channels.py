"""Reference solutions for the assignment ``channels`` (d2l: "Padding and Stride" and
"Multiple Input and Multiple Output Channels").

The hidden graders call these functions many times per submission to compute expected
values, so the module follows three rules:

* **Device-safe.** Every tensor made here is made from the input (``X.new_zeros``,
  ``torch.arange(..., device=X.device)``), so the functions run unchanged on CPU, CUDA and
  PyTorch's shape-only ``meta`` device. Nothing silently lands on the CPU.
* **Dtype-preserving.** Floating inputs give results of the same dtype (after the usual
  promotion when ``X`` and ``K`` differ). Integer inputs give *exact* integer results:
  CUDA has no integer matrix multiplication, so integers take a multiply-and-sum path
  instead of a float round trip that would lose digits above 2**53.
* **Vectorised.** No Python loop ever runs over pixels. All correlations reduce to one
  idea, *im2col*: cut the (padded) input into the windows the kernel visits, lay each
  window out as a column, and a cross-correlation becomes one matrix product
  ``kernel_rows @ window_columns``.

The code is also meant to be read by TAs, so each function does one thing and the
shared steps (argument checking, window extraction, the matrix product) exist exactly once.

Every invalid argument raises ``ValueError`` (also wrong types such as ``2.0`` or
``True`` for an integer argument), so graders only ever need to expect one exception type.
"""
from __future__ import annotations


import torch

from reference._arguments import as_int, as_pair

__all__ = [
    "pad2d",
    "corr2d_strided",
    "corr2d_multi_in",
    "corr2d_multi_in_out",
    "corr2d_multi_in_out_1x1",
    "conv_weight_shape",
    "conv2d_cost",
]

PAD_MODES = ("zeros", "reflect", "replicate", "circular")
"""The padding modes of :func:`pad2d`, named as in ``nn.Conv2d(padding_mode=...)``."""


# --------------------------------------------------------------------------------------
# Argument checking (ints and pairs: reference._arguments)
# --------------------------------------------------------------------------------------

def _output_size(size: int, kernel: int, padding: int, stride: int) -> int:
    """Output length along one axis, ``floor((n + 2p - k) / s) + 1`` -- d2l's formula and
    ``nn.Conv2d``'s (dilation 1). Where the kernel does not fit into the padded input
    PyTorch refuses to run the convolution, and so do we."""
    padded = size + 2 * padding
    if kernel > padded:
        raise ValueError(
            f"kernel size {kernel} is larger than the padded input size {padded}"
        )
    return (padded - kernel) // stride + 1


def _check_dims(tensor: torch.Tensor, ndim: int, name: str) -> None:
    """Fail early with the expected layout instead of deep inside ``unfold``/``reshape``."""
    if tensor.dim() != ndim:
        raise ValueError(f"{name} must have {ndim} dimensions, got shape {tuple(tensor.shape)}")


# --------------------------------------------------------------------------------------
# Padding
# --------------------------------------------------------------------------------------

def _source_index(size: int, pad: int, mode: str, device) -> torch.Tensor:
    """For the border-copying modes every padded position copies one input position.

    Position ``i`` of the padded axis (``i`` in ``-pad .. size+pad-1`` in input
    coordinates) reads from:

    * ``replicate``: the nearest edge pixel, ``clamp(i, 0, size-1)``;
    * ``circular``:  the pixel one period away, ``i mod size`` (the image tiles the plane);
    * ``reflect``:   the mirror image about the edge pixel, which itself is not repeated:
      ``(size-1) - |(size-1) - |i||`` maps ``-1 -> 1`` and ``size -> size-2``.
    """
    i = torch.arange(-pad, size + pad, device=device)
    if mode == "replicate":
        return i.clamp(0, size - 1)
    if mode == "circular":
        return i.remainder(size)
    last = size - 1
    return last - (last - i.abs()).abs()


def _check_padding_fits(shape: tuple[int, int], padding: tuple[int, int], mode: str) -> None:
    """Mirror PyTorch's refusals: a reflection needs ``pad < size`` (the edge pixel is not
    reflected, so only ``size-1`` pixels are available), a wrap-around ``pad <= size``
    (one period at most), and copying from an empty axis is impossible."""
    for axis, (size, pad) in enumerate(zip(shape, padding)):
        if pad == 0:
            continue
        if size == 0:
            raise ValueError(f"{mode} padding of an empty axis (dim {axis - 2})")
        if mode == "reflect" and pad >= size:
            raise ValueError(f"reflect padding {pad} must be < the input size {size}")
        if mode == "circular" and pad > size:
            raise ValueError(f"circular padding {pad} must be <= the input size {size}")


def pad2d(X: torch.Tensor, padding, mode: str = "zeros") -> torch.Tensor:
    """Pad the last two dimensions of ``X`` (``(h, w)``, ``(c, h, w)``, or any ``(..., h, w)``).

    ``padding`` is an int or ``(ph, pw)``: ``ph`` rows are added on top *and* at the
    bottom, ``pw`` columns on the left *and* on the right (d2l's symmetric padding), so
    the result is ``(..., h + 2*ph, w + 2*pw)``. Equals
    ``F.pad(X, (pw, pw, ph, ph), mode={"zeros": "constant"}.get(mode, mode))``.

    ``zeros`` surrounds the image by a frame of zeros: a fresh zero tensor with ``X``
    written into its middle. The other modes fill the frame with copies of input pixels,
    so they are one gather, ``X[..., rows[:, None], cols[None, :]]``, with the index maps
    of :func:`_source_index`.
    """
    if mode not in PAD_MODES:
        raise ValueError(f"unknown padding mode {mode!r}; expected one of {PAD_MODES}")
    if X.dim() < 2:
        raise ValueError(f"X must have at least 2 dimensions, got shape {tuple(X.shape)}")
    ph, pw = as_pair(padding, "padding", minimum=0)
    h, w = X.shape[-2:]
    if mode == "zeros":
        Y = X.new_zeros((*X.shape[:-2], h + 2 * ph, w + 2 * pw))
        Y[..., ph:ph + h, pw:pw + w] = X
        return Y
    _check_padding_fits((h, w), (ph, pw), mode)
    rows = _source_index(h, ph, mode, X.device)
    cols = _source_index(w, pw, mode, X.device)
    return X[..., rows[:, None], cols[None, :]]


# --------------------------------------------------------------------------------------
# Cross-correlation as a matrix product (im2col)
# --------------------------------------------------------------------------------------

def _matmul(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    """``A @ B`` for ``A (m, k)``, ``B (k, n)``, exact for every dtype on every device.

    Floating (and complex) tensors use the real matrix product. Integer tensors are
    multiplied and summed by broadcasting, ``(A[:, :, None] * B[None]).sum(1)``, which is
    the definition of the product: CUDA has no integer matmul kernel, and converting to
    float64 would round values above 2**53.
    """
    dtype = torch.promote_types(A.dtype, B.dtype)
    A, B = A.to(dtype), B.to(dtype)
    if dtype.is_floating_point or dtype.is_complex:
        return A @ B
    return (A[:, :, None] * B[None, :, :]).sum(dim=1)


def _im2col(X: torch.Tensor, kernel_size: tuple[int, int], stride: tuple[int, int]) -> torch.Tensor:
    """Cut ``X (c, h, w)`` into the windows a ``kh x kw`` kernel visits with the given stride.

    Returns ``(c*kh*kw, oh, ow)``: column ``(i, j)`` holds the window whose top-left corner
    is ``(i*sh, j*sw)``, flattened in the order of a ``(c, kh, kw)`` kernel. ``unfold``
    makes the windows as a strided *view* (no copy, works on ``meta``); the permute puts
    the window entries first so the caller's reshape lines them up with the kernel.
    """
    (kh, kw), (sh, sw) = kernel_size, stride
    c, h, w = X.shape
    oh, ow = _output_size(h, kh, 0, sh), _output_size(w, kw, 0, sw)
    windows = X.unfold(1, kh, sh).unfold(2, kw, sw)  # (c, oh, ow, kh, kw)
    return windows.permute(0, 3, 4, 1, 2).reshape(c * kh * kw, oh, ow)


def _corr2d_channels(X: torch.Tensor, K: torch.Tensor, stride=1) -> torch.Tensor:
    """The one cross-correlation everything else specialises: ``X (c, h, w)``,
    ``K (co, c, kh, kw)`` -> ``(co, oh, ow)``, no padding.

    ``Y[o, i, j] = sum_{c, a, b} K[o, c, a, b] * X[c, i*sh + a, j*sw + b]`` is a matrix
    product between the kernels as rows ``(co, c*kh*kw)`` and the windows as columns
    ``(c*kh*kw, oh*ow)``.
    """
    _check_dims(X, 3, "X")
    _check_dims(K, 4, "K")
    co, c, kh, kw = K.shape
    if X.shape[0] != c:
        raise ValueError(f"X has {X.shape[0]} channels but K expects {c}")
    cols = _im2col(X, (kh, kw), as_pair(stride, "stride", minimum=1))
    _, oh, ow = cols.shape
    return _matmul(K.reshape(co, c * kh * kw), cols.reshape(c * kh * kw, oh * ow)).reshape(co, oh, ow)


def corr2d_strided(X: torch.Tensor, K: torch.Tensor, padding=0, stride=1) -> torch.Tensor:
    """2-D cross-correlation of an image ``X (h, w)`` with ``K (kh, kw)``, zero-padded by
    ``padding`` on each side and moved by ``stride`` (each an int or ``(height, width)``).

    Result shape ``(floor((h + 2ph - kh)/sh) + 1, floor((w + 2pw - kw)/sw) + 1)``; equals
    ``F.conv2d(X[None, None], K[None, None], padding=padding, stride=stride)[0, 0]``.
    Padding first and then correlating without padding is exactly how d2l explains it.
    """
    _check_dims(X, 2, "X")
    _check_dims(K, 2, "K")
    return _corr2d_channels(pad2d(X, padding)[None], K[None, None], stride)[0]


def corr2d_multi_in(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    """Multi-input-channel cross-correlation: ``X (c, h, w)``, ``K (c, kh, kw)`` ->
    ``(h-kh+1, w-kw+1)``, the *sum over channels* of the per-channel correlations.

    A single output channel is the ``co = 1`` case of :func:`corr2d_multi_in_out`.
    """
    _check_dims(K, 3, "K")
    return _corr2d_channels(X, K[None])[0]


def corr2d_multi_in_out(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    """Multi-input, multi-output cross-correlation: ``X (c, h, w)``,
    ``K (co, c, kh, kw)`` -> ``(co, h-kh+1, w-kw+1)``; output channel ``o`` is
    ``corr2d_multi_in(X, K[o])`` (d2l stacks those; here they share one matrix product)."""
    return _corr2d_channels(X, K)


def corr2d_multi_in_out_1x1(X: torch.Tensor, K: torch.Tensor) -> torch.Tensor:
    """1x1 convolution as one matrix multiplication: ``X (c, h, w)``, ``K (co, c, 1, 1)``
    -> ``(co, h, w)``.

    A 1x1 kernel only mixes channels pixel by pixel, so every pixel is a column of
    ``X.reshape(c, h*w)`` and the layer is ``K.reshape(co, c) @ X.reshape(c, h*w)`` --
    a fully connected layer applied at each pixel (d2l's ``corr2d_multi_in_out_1x1``).
    """
    _check_dims(X, 3, "X")
    _check_dims(K, 4, "K")
    co, c, kh, kw = K.shape
    if (kh, kw) != (1, 1):
        raise ValueError(f"K must hold 1x1 kernels, got shape {tuple(K.shape)}")
    if X.shape[0] != c:
        raise ValueError(f"X has {X.shape[0]} channels but K expects {c}")
    _, h, w = X.shape
    return _matmul(K.reshape(co, c), X.reshape(c, h * w)).reshape(co, h, w)


# --------------------------------------------------------------------------------------
# Shapes and cost
# --------------------------------------------------------------------------------------

def conv_weight_shape(in_channels, out_channels, kernel_size, groups=1) -> tuple[int, int, int, int]:
    """Shape of ``nn.Conv2d(in_channels, out_channels, kernel_size, groups=groups).weight``:
    ``(out_channels, in_channels // groups, kh, kw)``.

    With groups, the input channels are split into ``groups`` blocks and every output
    channel sees only its own block, so each kernel has ``in_channels // groups`` input
    channels; both channel counts must divide by ``groups`` (``ValueError`` otherwise,
    as in ``nn.Conv2d``). Unlike ``nn.Conv2d``, which happily builds an empty layer for
    zero channels or a zero kernel, every argument must be a positive int here.
    """
    c_in = as_int(in_channels, "in_channels", minimum=1)
    c_out = as_int(out_channels, "out_channels", minimum=1)
    g = as_int(groups, "groups", minimum=1)
    kh, kw = as_pair(kernel_size, "kernel_size", minimum=1)
    if c_in % g:
        raise ValueError(f"in_channels ({c_in}) must be divisible by groups ({g})")
    if c_out % g:
        raise ValueError(f"out_channels ({c_out}) must be divisible by groups ({g})")
    return (c_out, c_in // g, kh, kw)


def conv2d_cost(c_in, c_out, input_size, kernel_size, padding=0, stride=1) -> int:
    """Multiply-adds of one forward pass of a (bias-free, ungrouped) 2-D convolution on a
    single ``(c_in, h, w)`` input: ``c_out * oh * ow * c_in * kh * kw``.

    Each of the ``c_out * oh * ow`` outputs is a dot product of a ``c_in x kh x kw``
    window with a kernel -- the count d2l's exercise asks for. ``oh``, ``ow`` are computed
    as ``nn.Conv2d`` does; ``ValueError`` where ``nn.Conv2d`` would refuse to run
    (kernel larger than the padded input, non-positive sizes or stride, negative padding).
    Note ``torch.utils.flop_counter`` reports twice this number (it counts the multiply and
    the add separately).
    """
    c_in = as_int(c_in, "c_in", minimum=1)
    c_out = as_int(c_out, "c_out", minimum=1)
    h, w = as_pair(input_size, "input_size", minimum=1)
    kh, kw = as_pair(kernel_size, "kernel_size", minimum=1)
    ph, pw = as_pair(padding, "padding", minimum=0)
    sh, sw = as_pair(stride, "stride", minimum=1)
    oh, ow = _output_size(h, kh, ph, sh), _output_size(w, kw, pw, sw)
    return c_out * oh * ow * c_in * kh * kw
