"""d2l-style loops, made device- and dtype-aware: a canvas from X.new_zeros, then every
padded pixel copies the input pixel the mode points it to (computed in plain Python)."""


def source(i, n, mode):
    """Input index for padded position i (in input coordinates, may be outside 0..n-1)."""
    if mode == "replicate":
        return min(max(i, 0), n - 1)
    if mode == "circular":
        return i % n
    if i < 0:  # reflect
        return -i
    if i >= n:
        return 2 * (n - 1) - i
    return i


def pad2d(X, padding, mode="zeros"):
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    h, w = X.shape
    Y = X.new_zeros((h + 2 * ph, w + 2 * pw))
    if mode == "zeros":
        Y[ph:ph + h, pw:pw + w] = X
        return Y
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = X[source(i - ph, h, mode), source(j - pw, w, mode)]
    return Y
