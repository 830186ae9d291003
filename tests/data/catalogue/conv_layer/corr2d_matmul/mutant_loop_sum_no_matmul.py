"""corr2d_matmul as windows times K summed (elementwise multiply and sum): right
values, but no matrix multiplication happens.

Hints: conv_layer.corr2d_matmul.mistake.no_matmul
"""
import torch
import torch.nn.functional as F


def corr2d_matmul(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


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

