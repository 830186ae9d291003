"""Flattens the pixels column by column (X.transpose(1, 2).reshape(c, w*h)) but reshapes
the result row by row: pixels land in transposed places whenever h != w.

Hints: channels.corr2d_multi_in_out_1x1.mistake.columns_flattened
"""
import torch


def corr2d_multi_in_out_1x1(X, K):
    c, h, w = X.shape
    co = K.shape[0]
    Y = torch.matmul(K.reshape(co, c), X.transpose(1, 2).reshape(c, w * h))
    return Y.reshape(co, h, w)
