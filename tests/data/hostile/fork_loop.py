# solves: corr2d
"""Forks 30 children (bounded) that would sleep for 5 minutes (`sleep 300.987651`): none may survive grading."""
import os, time

def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))

for _ in range(30):
    if os.fork() == 0:
        try:
            os.execvp('sleep', ['sleep', '300.987651'])
        finally:
            os._exit(0)
