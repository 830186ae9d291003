# solves:
"""Many processes and threads: CHILDREN children (named hostile-nproc), each starting
THREADS sleeping threads, so at most CHILDREN * (THREADS + 1) tasks, each ending within
seconds. A correct corr2d is its reward when at least ENOUGH tasks were alive at once: a
sandbox's process cap must stay below that."""
import os
import threading
import time
from _toolkit import log, name_process, report, reward, run_children

CHILDREN, THREADS, ENOUGH = 8, 49, 256


def child(pipe):
    name_process("hostile-nproc")
    threading.stack_size(256 * 1024)
    stop = threading.Event()
    started = 0
    for _ in range(THREADS):
        try:
            threading.Thread(target=stop.wait, args=(4.0,), daemon=True).start()
            started += 1
        except RuntimeError:
            break
    os.write(pipe, bytes([started + 1]))  # its threads and itself
    time.sleep(4.0)


reports, forked, _ = run_children(CHILDREN, child, 2.0)
tasks = sum(reports)
log(f"{forked} children, {tasks} tasks alive at once")
if tasks >= ENOUGH:
    reward(f"{tasks} tasks")
report()
