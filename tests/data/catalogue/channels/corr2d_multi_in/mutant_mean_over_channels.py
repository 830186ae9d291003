"""Averages the per-channel correlations instead of summing them (off by a factor c).

Hints: channels.corr2d_multi_in.mistake.mean
"""


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def corr2d_multi_in(X, K):
    return sum(corr2d(x, k) for x, k in zip(X, K)) / X.shape[0]
