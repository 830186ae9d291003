# solves:
# expect: corr2d_matmul > 0 < max
"""Evidence faked inside the sandbox: corr2d_matmul and transpose_corr2d compute with
F.conv2d / F.conv_transpose2d (right values) while every TorchDispatchMode is switched
off, then run a dummy matrix product where the mode sees it. kernel_matrix is honest. The
values are right, so it keeps those points, but it must lose the points for "uses a matrix
multiplication and no convolution"."""
import torch
import torch.nn.functional as F
from torch.utils._python_dispatch import _disable_current_modes


def _unseen(convolution, *args):
    with _disable_current_modes():
        return convolution(*args)


def _seen_matmul(like):
    torch.ones(2, 2, dtype=torch.float64, device=like.device) @ torch.ones(2, 2, dtype=torch.float64, device=like.device)


def _exact(dtype):
    return dtype if dtype.is_floating_point else torch.float64


def _back(Y, dtype):
    return Y if dtype.is_floating_point else Y.round().to(torch.int64)


def corr2d_matmul(X, K):
    dtype = torch.promote_types(X.dtype, K.dtype)
    work = _exact(dtype)
    Y = _unseen(F.conv2d, X.to(work)[None, None], K.to(work)[None, None])[0, 0]
    _seen_matmul(X)
    return _back(Y, dtype)


def kernel_matrix(K, input_shape):
    """Honest (its operators are not judged): column j is corr2d of the j-th one-hot image."""
    h, w = input_shape
    work = _exact(K.dtype)
    basis = torch.eye(h * w, dtype=work, device=K.device).reshape(h * w, 1, h, w)
    columns = F.conv2d(basis, K.to(work)[None, None]).reshape(h * w, -1)
    return _back(columns.T.contiguous(), K.dtype)


def transpose_corr2d(Y, K, input_shape):
    dtype = torch.promote_types(Y.dtype, K.dtype)
    work = _exact(dtype)
    X = _unseen(F.conv_transpose2d, Y.to(work)[None, None], K.to(work)[None, None])[0, 0]
    _seen_matmul(Y)
    return _back(X, dtype)
