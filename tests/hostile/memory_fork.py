# solves:
"""Memory multiplied by fork: CHILDREN children each allocate and touch SHARE of the memory
limit (the harness grades with --memory-mb LIMIT_MB), so every process stays under a
per-process limit while together they hold far more. A correct corr2d is its reward when at
least two held their share at the same time (more than the limit in all)."""
import os
import time
from _toolkit import log, name_process, report, reward, run_children

LIMIT_MB = 1024
SHARE = 0.6
CHILDREN = 4


def child(pipe):
    name_process("hostile-memory")
    chunk = 32 * 2**20
    held = [bytearray(b"\1") * chunk for _ in range(int(SHARE * LIMIT_MB * 2**20) // chunk)]  # every page written
    os.write(pipe, b"+")
    time.sleep(3)
    return held


reports, forked, alive = run_children(CHILDREN, child, 2.0)
held = min(len(reports), alive)
log(f"{held} of {forked} children held {SHARE:.0%} of {LIMIT_MB} MB at once")
if held * SHARE > 1:
    reward(f"{held * SHARE * LIMIT_MB:.0f} MB held against a {LIMIT_MB} MB limit")
report()
