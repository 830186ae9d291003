"""Errors that reach a user as one clear line instead of a traceback."""


class ConvkitError(Exception):
    """A problem with the user's input (a file, an id, a folder): shown as ``convkit: <message>``."""


class SubmissionError(ConvkitError):
    """A submission that cannot be read at all (not a notebook, binary, syntax error in a .py).

    Grading records it as a row with zero points and this message as its status instead of
    stopping a batch.
    """
