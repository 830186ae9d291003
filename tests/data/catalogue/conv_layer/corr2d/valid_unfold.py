"""Windows with Tensor.unfold, multiply and sum: vectorised and device-safe."""


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))
