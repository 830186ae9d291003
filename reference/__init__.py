"""Reference implementations of every auto-graded exercise.

The hidden graders import these to compute expected values (in float64). This package is
deliberately *not* installed with ``convkit``: it lives beside the graders in the
instructor's checkout (or inside an autograder zip), and the sandbox that runs student code
never has it on ``sys.path``.
"""
