"""transpose_corr2d calls F.conv_transpose2d: right values, but no C.T @ y
matrix product; a convolution operator computes it.

Hints: conv_layer.corr2d_matmul.mistake.library_convolution
"""
import torch
import torch.nn.functional as F


def corr2d_matmul(X, K):
    if not X.is_floating_point():
        return corr2d_matmul(X.double(), K.double()).round().long()
    kh, kw = K.shape
    oh, ow = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    return (X.unfold(0, kh, 1).unfold(1, kw, 1).reshape(oh * ow, -1) @ K.reshape(-1)).reshape(oh, ow)


def kernel_matrix(K, input_shape):
    h, w = input_shape
    kh, kw = K.shape
    rows = []
    for i in range(h - kh + 1):
        for j in range(w - kw + 1):
            image = torch.zeros((h, w), dtype=K.dtype, device=K.device)
            image[i:i + kh, j:j + kw] = K
            rows.append(image.reshape(-1))
    return torch.stack(rows)


def transpose_corr2d(Y, K, input_shape):
    return F.conv_transpose2d(Y[None, None], K[None, None].to(Y.dtype))[0, 0]
