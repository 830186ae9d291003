"""A grading worker's interpreter: ``python -m convkit.grading.worker FD CONFIG``.

Started by :mod:`convkit.grading.batch` (for ``convkit grade``, nbgrader's preprocessor and
the warm ``convkit check``), it talks to its parent over the socket ``FD`` and grades what
it is sent (:func:`convkit.grading.batch.serve_worker`). It dies with its parent.
"""
from __future__ import annotations

import json
import signal
import sys
from multiprocessing.connection import Connection


def main() -> None:
    from convkit.sandbox import linux

    linux.prctl(linux.PR_SET_PDEATHSIG, signal.SIGKILL)
    connection = Connection(int(sys.argv[1]))
    config = json.loads(sys.argv[2])
    from convkit.grading.batch import serve_worker
    from convkit.limits import Limits

    serve_worker(connection, config["assignment"], Limits(**config["limits"]), config["plan"], tuple(config["private"]),
                 config.get("collect", True))


if __name__ == "__main__":
    main()
