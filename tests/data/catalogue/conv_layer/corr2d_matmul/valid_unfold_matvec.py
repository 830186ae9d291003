"""im2col with Tensor.unfold and one matrix-vector product; C built with index_put on K's
device; transpose_corr2d as C.T @ Y. Integer inputs are multiplied in float64 (exact for
these sizes) and rounded back, since CUDA has no integer matmul."""
import torch


def _matvec(A, v):
    if A.is_floating_point():
        return A @ v.to(A.dtype)
    return (A.double() @ v.double()).round().long()


def corr2d_matmul(X, K):
    kh, kw = K.shape
    oh, ow = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    windows = X.unfold(0, kh, 1).unfold(1, kw, 1).reshape(oh * ow, kh * kw)
    return _matvec(windows, K.reshape(-1)).reshape(oh, ow)


def kernel_matrix(K, input_shape):
    h, w = input_shape
    kh, kw = K.shape
    oh, ow = h - kh + 1, w - kw + 1
    i = torch.arange(oh, device=K.device).view(oh, 1, 1, 1)
    j = torch.arange(ow, device=K.device).view(1, ow, 1, 1)
    a = torch.arange(kh, device=K.device).view(1, 1, kh, 1)
    b = torch.arange(kw, device=K.device).view(1, 1, 1, kw)
    rows = (i * ow + j).expand(oh, ow, kh, kw).reshape(-1)
    cols = ((i + a) * w + (j + b)).reshape(-1)
    C = K.new_zeros((oh * ow, h * w))
    C[rows, cols] = K.expand(oh, ow, kh, kw).reshape(-1)
    return C


def transpose_corr2d(Y, K, input_shape):
    C = kernel_matrix(K, input_shape)
    return _matvec(C.T, Y.reshape(-1)).reshape(tuple(input_shape))
