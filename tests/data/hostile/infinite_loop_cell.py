# solves: corr2d
# expect: limit time
# expect: cell timeout
"""A cell that never ends: it is stopped, skipped, and the rest is graded."""

def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))

while True:
    pass
