"""d2l's explanation as code: zero-pad X on a canvas made with X.new_zeros (device and
dtype kept), then slide the window by the stride with two loops."""


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def corr2d_strided(X, K, padding=0, stride=1):
    (ph, pw), (sh, sw) = pair(padding), pair(stride)
    h, w = X.shape
    kh, kw = K.shape
    Xp = X.new_zeros((h + 2 * ph, w + 2 * pw))
    Xp[ph:ph + h, pw:pw + w] = X
    oh, ow = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    Y = X.new_zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            Y[i, j] = (Xp[i * sh:i * sh + kh, j * sw:j * sw + kw] * K).sum()
    return Y
