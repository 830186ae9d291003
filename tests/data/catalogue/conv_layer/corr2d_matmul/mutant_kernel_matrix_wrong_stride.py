"""kernel_matrix indexes the input pixel (i+a, j+b) with the *output* width as the row
stride, (i+a)*ow + (j+b), instead of the input width w: C has the right shape but puts K
on the wrong columns (whenever kw > 1). corr2d_matmul (im2col) is right.

Hints: conv_layer.corr2d_matmul.mistake.columns_output_width, conv_layer.corr2d_matmul.mistake.transpose_uses_wrong_C
"""
import torch


def corr2d_matmul(X, K):
    if not X.is_floating_point():
        return corr2d_matmul(X.double(), K.double()).round().long()
    kh, kw = K.shape
    oh, ow = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    return (X.unfold(0, kh, 1).unfold(1, kw, 1).reshape(oh * ow, -1) @ K.reshape(-1)).reshape(oh, ow)


def kernel_matrix(K, input_shape):
    h, w = input_shape
    kh, kw = K.shape
    oh, ow = h - kh + 1, w - kw + 1
    C = torch.zeros((oh * ow, h * w), dtype=K.dtype, device=K.device)
    for i in range(oh):
        for j in range(ow):
            for a in range(kh):
                for b in range(kw):
                    C[i * ow + j, (i + a) * ow + (j + b)] = K[a, b]
    return C


def transpose_corr2d(Y, K, input_shape):
    return (kernel_matrix(K, input_shape).T @ Y.reshape(-1)).reshape(input_shape)
