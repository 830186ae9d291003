"""kernel_matrix orders the rows column by column (row j*oh + i for output
(i, j)), so C @ X.reshape(-1) is corr2d(X, K).T flattened, not corr2d(X, K).reshape(-1).

Hints: conv_layer.corr2d_matmul.mistake.rows_column_major, conv_layer.corr2d_matmul.mistake.transpose_uses_wrong_C
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
    for j in range(w - kw + 1):
        for i in range(h - kh + 1):
            image = torch.zeros((h, w), dtype=K.dtype, device=K.device)
            image[i:i + kh, j:j + kw] = K
            rows.append(image.reshape(-1))
    return torch.stack(rows)


def transpose_corr2d(Y, K, input_shape):
    return (kernel_matrix(K, input_shape).T @ Y.reshape(-1)).reshape(input_shape)

