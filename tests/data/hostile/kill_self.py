# solves: corr2d
"""Kills its own process with SIGKILL at load time."""
import os, signal

def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))

os.kill(os.getpid(), signal.SIGKILL)
