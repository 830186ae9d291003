"""kernel_matrix numbers its rows i * oh + j (right only when oh == ow), and transpose_corr2d
is a loop with no matrix product (a real finding: no case had a non-square output, so it passed).

Hints: conv_layer.corr2d_matmul.mistake.no_matmul, conv_layer.corr2d_matmul.mistake.rows_times_oh, hint.run_yourself
"""
import torch


def corr2d_matmul(X, K):
    kh, kw = K.shape
    oh, ow = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    windows = X.unfold(0, kh, 1).unfold(1, kw, 1).reshape(oh * ow, kh * kw)
    return (windows @ K.reshape(-1)).reshape(oh, ow)


def kernel_matrix(K, input_shape):
    h, w = input_shape
    kh, kw = K.shape
    oh, ow = h - kh + 1, w - kw + 1
    C = torch.zeros((oh * ow, h * w), dtype=K.dtype, device=K.device)
    for i in range(oh):
        for j in range(ow):
            for a in range(kh):
                for b in range(kw):
                    C[i * oh + j, (i + a) * w + (j + b)] = K[a, b]
    return C


def transpose_corr2d(Y, K, input_shape):
    h, w = input_shape
    kh, kw = K.shape
    X = torch.zeros((h, w), dtype=Y.dtype, device=Y.device)
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            X[i:i + kh, j:j + kw] += Y[i, j] * K
    return X
