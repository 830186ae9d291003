"""d2l's corr2d_multi_in (sum over zip(X, K) of per-channel corr2d) with d2l's corr2d made
device- and dtype-aware (its output from X.new_zeros instead of torch.zeros)."""


def corr2d(X, K):
    h, w = K.shape
    Y = X.new_zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + h, j:j + w] * K).sum()
    return Y


def corr2d_multi_in(X, K):
    return sum(corr2d(x, k) for x, k in zip(X, K))
