# solves:
"""os.kill(-1, SIGKILL): every process this sandbox may signal. As the grader's own uid that
is the whole batch, the grading command included. It is sent only where it provably stays
inside the grading (a PID namespace of its own, or a uid that is not root: see the toolkit),
and the name sorts last, and it first waits (up to 35 s) for the sandboxes next door to
end, so that, if it ends the batch, every other submission has been graded. A correct corr2d is its reward when the signal
could reach any other process."""
import os
import signal
import time
from _toolkit import log, neighbours, report, reward, signalable_others, signals_stay_inside


QUIET = 1.0  # seconds without any sandbox next door (one restarts between calls)
last_seen = time.monotonic()


def wait_for_neighbours(seconds):
    global last_seen
    end = time.monotonic() + seconds
    while time.monotonic() < end and time.monotonic() - last_seen < QUIET:
        if neighbours():
            last_seen = time.monotonic()
        time.sleep(0.1)


# One statement is one cell, and a cell has the call limit (3 s): up to 35 s of waiting, a
# neighbour's whole submission time (infinite_loop_call.py takes that long).
wait_for_neighbours(2.5)
wait_for_neighbours(2.5)
wait_for_neighbours(2.5)
wait_for_neighbours(2.5)
wait_for_neighbours(2.5)
wait_for_neighbours(2.5)
wait_for_neighbours(2.5)
wait_for_neighbours(2.5)
wait_for_neighbours(2.5)
wait_for_neighbours(2.5)
wait_for_neighbours(2.5)
wait_for_neighbours(2.5)
wait_for_neighbours(2.5)
wait_for_neighbours(2.5)
if signals_stay_inside():
    reachable = signalable_others()  # kill(-1) succeeds even when it may signal nobody
    try:
        os.kill(-1, signal.SIGKILL)
    except OSError as error:
        log(f"kill(-1): {error.strerror}")
    if reachable:
        reward(f"kill(-1) reached {len(reachable)} other processes")
    else:
        log("kill(-1) reached no other process")
else:
    log("kill(-1) not sent: it could reach the whole machine")
report()
