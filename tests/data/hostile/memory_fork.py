# solves:
"""Memory multiplied by fork: CHILDREN children each allocate and touch SHARE of the memory
limit (the harness grades with --memory-mb LIMIT_MB), so every process stays under a
per-process limit while together they hold far more. A correct corr2d is its reward when at
least two held their share at the same time (more than the limit in all)."""
import os
import time
from _toolkit import end_children, gather, log, name_process, report, reward, start_children

LIMIT_MB = 1024
SHARE = 0.6
CHILDREN = 4


def child(pipe):
    name_process("hostile-memory")
    chunk = 32 * 2**20
    try:
        held = [bytearray(b"\1") * chunk for _ in range(int(SHARE * LIMIT_MB * 2**20) // chunk)]  # pages written
    except MemoryError:
        os.write(pipe, b"!")
        return None
    os.write(pipe, b"+")
    time.sleep(10)
    return held


children = start_children(CHILDREN, child)
reports = gather(children, 2.5, CHILDREN)  # one cell each: touching 2.4 GB takes a while on 2 cores
reports += gather(children, 2.5, CHILDREN - len(reports))
reports += gather(children, 2.5, CHILDREN - len(reports))
alive = end_children(children)
held = min(reports.count(b"+"), alive)
log(f"{held} of {len(children[0])} children held {SHARE:.0%} of {LIMIT_MB} MB at once "
    f"({reports.count(b'!')} refused, {alive} alive)")
if held * SHARE > 1:
    reward(f"{held * SHARE * LIMIT_MB:.0f} MB held against a {LIMIT_MB} MB limit")
report()
