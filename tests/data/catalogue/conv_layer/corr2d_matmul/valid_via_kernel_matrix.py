"""corr2d_matmul through the kernel matrix itself: (C @ X.reshape(-1)).reshape(oh, ow).
C is built by padding K into place with F.pad (works for integer K too: CPU matmul takes
int64)."""
import torch
import torch.nn.functional as F


def kernel_matrix(K, input_shape):
    h, w = input_shape
    kh, kw = K.shape
    rows = [F.pad(K, (j, w - kw - j, i, h - kh - i)).reshape(-1)
            for i in range(h - kh + 1) for j in range(w - kw + 1)]
    return torch.stack(rows)


def corr2d_matmul(X, K):
    kh, kw = K.shape
    C = kernel_matrix(K.to(X.dtype), X.shape)
    return (C @ X.reshape(-1)).reshape(X.shape[0] - kh + 1, X.shape[1] - kw + 1)


def transpose_corr2d(Y, K, input_shape):
    return (kernel_matrix(K, input_shape).T @ Y.reshape(-1)).reshape(input_shape)
