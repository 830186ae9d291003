"""Multiplies by broadcasting and sums over channels: right values, but no matrix
multiplication happens (the exercise asks for one).

Hints: channels.corr2d_multi_in_out_1x1.mistake.no_matmul
"""


def corr2d_multi_in_out_1x1(X, K):
    return (K.reshape(K.shape[0], K.shape[1], 1, 1) * X[None]).sum(1)
