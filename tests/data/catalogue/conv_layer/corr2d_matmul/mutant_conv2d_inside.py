"""corr2d_matmul calls F.conv2d: right values, but a convolution operator computes
them instead of a matrix multiplication, which is the point of the exercise.

Hints: conv_layer.corr2d_matmul.mistake.library_convolution
"""
import torch
import torch.nn.functional as F


def corr2d_matmul(X, K):
    if not X.is_floating_point():
        return corr2d_matmul(X.double(), K.double()).round().long()
    return F.conv2d(X[None, None], K[None, None].to(X.dtype))[0, 0]


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
    return (kernel_matrix(K, input_shape).T @ Y.reshape(-1)).reshape(input_shape)

