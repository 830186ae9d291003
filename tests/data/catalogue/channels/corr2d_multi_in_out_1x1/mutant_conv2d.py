"""Lets F.conv2d do it: right values, but a convolution operator computes the result
instead of a matrix product.

Hints: channels.corr2d_multi_in_out_1x1.mistake.library_convolution
"""
import torch.nn.functional as F


def corr2d_multi_in_out_1x1(X, K):
    return F.conv2d(X[None], K)[0]
