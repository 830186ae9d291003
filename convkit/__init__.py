"""convkit: auto-graded 2-D convolution exercises with isolated, fast graders."""

__version__ = "0.1.0"
