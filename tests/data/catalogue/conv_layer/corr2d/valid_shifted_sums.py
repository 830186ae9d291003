"""Sum of shifted, scaled copies of X: one term per kernel entry."""


def corr2d(X, K):
    kh, kw = K.shape
    oh, ow = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    Y = X[:oh, :ow] * K[0, 0]
    for a in range(kh):
        for b in range(kw):
            if a or b:
                Y = Y + X[a:a + oh, b:b + ow] * K[a, b]
    return Y
