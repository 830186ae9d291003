# solves:
"""Removes whatever covers the answer keys: umount2 (plain, then MNT_DETACH) on every mount
point in /proc/self/mountinfo, deepest first, and on the kit's folders, then reads the kit's
reference and solutions where the kit keeps them (nowhere else: it scores only by
unmounting). Only where umount2 cannot reach the machine's own mounts (see the toolkit)."""
import os
from _toolkit import adopt, kit_places, log, read_text, report, uncover

KEYS = ("reference/conv_layer.py", "solutions/conv-layer/conv-layer.ipynb")
HIDDEN = ("reference", "autograder", "solutions", "tests", "questions", "examples")


#: Where a sandbox without /proc has its mounts: its scratch tmpfs, the runtime, the root.
LIKELY_MOUNTS = ("/tmp", "/var/tmp", "/dev/shm", os.getcwd(), os.path.dirname(os.__file__),
                 os.path.dirname(os.path.dirname(os.__file__)), "/")


def mount_points():
    """(mount point, shared) from /proc/self/mountinfo, deepest first (likely ones without /proc)."""
    found = [] if os.path.exists("/proc/self/mountinfo") else [(path, False) for path in LIKELY_MOUNTS]
    for line in read_text("/proc/self/mountinfo").splitlines():
        fields = line.split(" - ")[0].split()
        if len(fields) >= 5:
            point = fields[4].replace("\\040", " ")
            found.append((point, any(f.startswith("shared:") for f in fields[6:])))
    return sorted(found, key=lambda item: -item[0].count("/"))


in_own_user_namespace = read_text("/proc/self/uid_map").split() != ["0", "0", "4294967295"]
targets = mount_points() + [(os.path.join(root, name), False) for root in kit_places() for name in HIDDEN]
removed, errors = uncover(targets, skip_shared=not in_own_user_namespace)
log(f"unmounted {len(removed)}: {', '.join(removed)[:150]}; errnos {sorted(errors)}")
for root in kit_places():
    if any(adopt(read_text(os.path.join(root, key)), os.path.join(root, key)) for key in KEYS):
        break
report()
