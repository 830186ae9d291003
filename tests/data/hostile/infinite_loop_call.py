# solves: corr2d
"""convolve2d never returns: the call is stopped and convolve2d earns nothing."""

def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def convolve2d(X, K):
    while True:
        pass
