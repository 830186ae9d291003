"""Made by exec from a string: nothing in the source says "def corr2d" at top level."""
import torch

exec('''
def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))
''')
