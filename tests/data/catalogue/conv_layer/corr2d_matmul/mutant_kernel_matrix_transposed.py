"""kernel_matrix returns C.T, shape (h*w, oh*ow): one row per input pixel
instead of one per output element (transpose_corr2d compensates and is right).

Hints: conv_layer.corr2d_matmul.mistake.matrix_transposed
"""
import torch
import torch.nn.functional as F


def corr2d_matmul(X, K):
    if not X.is_floating_point():
        return corr2d_matmul(X.double(), K.double()).round().long()
    kh, kw = K.shape
    oh, ow = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    return (X.unfold(0, kh, 1).unfold(1, kw, 1).reshape(oh * ow, -1) @ K.reshape(-1)).reshape(oh, ow)


def _rows(K, input_shape):
    h, w = input_shape
    kh, kw = K.shape
    rows = []
    for i in range(h - kh + 1):
        for j in range(w - kw + 1):
            image = torch.zeros((h, w), dtype=K.dtype, device=K.device)
            image[i:i + kh, j:j + kw] = K
            rows.append(image.reshape(-1))
    return torch.stack(rows)


def kernel_matrix(K, input_shape):
    return _rows(K, input_shape).T


def transpose_corr2d(Y, K, input_shape):
    return (kernel_matrix(K, input_shape) @ Y.reshape(-1)).reshape(input_shape)
