# solves:
"""Many processes and threads: CHILDREN children (named hostile-nproc), each starting
THREADS sleeping threads, so at most CHILDREN * (THREADS + 1) tasks, each ending within
seconds. A correct corr2d is its reward when at least ENOUGH tasks were alive at once: a
sandbox's process cap must stay below that."""
import os
import threading
import time
from _toolkit import end_children, gather, log, name_process, report, reward, start_children

CHILDREN, THREADS, ENOUGH = 8, 49, 256


def child(pipe):
    name_process("hostile-nproc")
    threading.stack_size(256 * 1024)
    stop = threading.Event()
    started = 0
    for _ in range(THREADS):
        try:
            threading.Thread(target=stop.wait, args=(8.0,), daemon=True).start()
            started += 1
        except RuntimeError:
            break
    os.write(pipe, bytes([started + 1]))  # its threads and itself
    time.sleep(8.0)


children = start_children(CHILDREN, child)
reports = gather(children, 2.5, len(children[0]))
end_children(children)
tasks = sum(reports)
log(f"{len(children[0])} children, {tasks} tasks alive at once")
if tasks >= ENOUGH:
    reward(f"{tasks} tasks")
report()
