"""Pixels as rows, (h*w, c) @ (c, co) = (h*w, co), then reshaped to (co, h, w) without
transposing first: the numbers of different channels and pixels get mixed up.

Hints: channels.corr2d_multi_in_out_1x1.mistake.not_transposed
"""


def corr2d_multi_in_out_1x1(X, K):
    c, h, w = X.shape
    co = K.shape[0]
    Y = X.reshape(c, h * w).T @ K.reshape(co, c).T
    return Y.reshape(co, h, w)
