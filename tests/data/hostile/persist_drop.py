# solves: corr2d
"""First of a pair (persist_read.py is the second): solves corr2d honestly, and leaves its
source where a later sandbox might look: /tmp, /var/tmp, /dev/shm, its working directory,
HOME and TMPDIR. Its name sorts before persist_read's, so it is graded first or beside it."""
import os
from _toolkit import LEFT_MARK, log, report

SOURCE = '''
def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))
'''
exec(SOURCE)

left = []
for folder in ("/tmp", "/var/tmp", "/dev/shm", os.getcwd(), os.path.expanduser("~"), os.environ.get("TMPDIR", "/tmp")):
    path = os.path.join(folder, LEFT_MARK + "corr2d.py")
    try:
        with open(path, "w") as handle:
            handle.write(SOURCE)
        os.chmod(path, 0o666)
        left.append(folder)
    except OSError:
        pass
log("left in " + ", ".join(sorted(set(left))))
report()
