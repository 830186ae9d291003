"""Correlates only the first channel: the other channels of X and K are ignored
(right only for one-channel inputs).

Hints: channels.corr2d_multi_in.mistake.first_channel_only
"""


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def corr2d_multi_in(X, K):
    return corr2d(X[0], K[0])
