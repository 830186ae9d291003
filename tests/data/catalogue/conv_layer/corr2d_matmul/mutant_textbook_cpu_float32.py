"""Right values everywhere, but kernel_matrix allocates C with torch.zeros on the
CPU in float32 (d2l's habit), so dtype and device are lost for every function.

Hints: mistake.factory_without_device
"""
import torch
import torch.nn.functional as F


def kernel_matrix(K, input_shape):
    h, w = input_shape
    kh, kw = K.shape
    oh, ow = h - kh + 1, w - kw + 1
    C = torch.zeros((oh * ow, h * w))
    for i in range(oh):
        for j in range(ow):
            for a in range(kh):
                for b in range(kw):
                    C[i * ow + j, (i + a) * w + (j + b)] = K[a, b]
    return C


def corr2d_matmul(X, K):
    kh, kw = K.shape
    C = kernel_matrix(K, X.shape)
    return (C @ X.reshape(-1).float()).reshape(X.shape[0] - kh + 1, X.shape[1] - kw + 1)


def transpose_corr2d(Y, K, input_shape):
    return (kernel_matrix(K, input_shape).T @ Y.reshape(-1).float()).reshape(input_shape)
