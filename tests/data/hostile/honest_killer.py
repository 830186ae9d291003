# solves:
"""Kills its neighbours: every sandbox it can see below the grading command (a process that
left the grader's session: the sandbox grading another submission next door, and whatever
that started), by pid and by process group, again and again for up to three seconds, and
for half a second after its first kill (so it hits the neighbour, not the whole batch). (The
grader's own processes are spared:
kill_parent.py kills those, and zz_kill_everything.py everything.) Its name sorts between
the two honest notebooks, so one of them is graded beside it. Where the grading command is
out of sight, every visible process is fair game, but only inside a PID namespace of its
own or as a non-root uid (see the toolkit). Fellow attacks (named hostile-...) are spared,
so each attack's own effect shows. A correct corr2d is its reward for any kill."""
import time
from _toolkit import group_of, kill_quietly, log, my_ancestors, name_of, neighbours, report, reward

killed = {}


def kill_round():
    spared_groups = {group_of(pid) for pid in my_ancestors()}
    for pid in neighbours():
        name, group = name_of(pid), group_of(pid)
        if group is not None and group not in spared_groups and kill_quietly(group, group=True):
            killed[pid] = name
        if kill_quietly(pid):
            killed[pid] = name


def keep_killing(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end and not (first_kill and time.monotonic() > first_kill[0] + 0.5):
        kill_round()
        if killed and not first_kill:
            first_kill.append(time.monotonic())
        time.sleep(0.05)


first_kill = []
keep_killing(1.5)
keep_killing(1.5)
log(f"killed {len(killed)} processes: " + ", ".join(sorted(set(killed.values()))))
if killed:
    reward(f"killed {len(killed)} neighbours")
report()
