"""Argument checks shared by the reference modules: ints, and "an int or an (h, w) pair".

Every invalid argument is a ``ValueError`` whose message names the argument (and, given
``func``, the function), so a grader expects one exception type and can show the message
as it is. ``bool`` is refused although it is an ``int`` (``kernel_size=True`` is always a
bug), and so are non-integral numbers such as ``3.0``, which ``nn.Conv2d`` refuses too.
"""
from __future__ import annotations

import operator

import torch


def as_int(value, name: str, func: str | None = None, minimum: int | None = None) -> int:
    """``value`` as a Python int (any integer-like value: Python, NumPy, 0-d integer tensors), at least ``minimum``."""
    prefix = f"{func}: " if func else ""
    if isinstance(value, bool):
        raise ValueError(f"{prefix}{name} must be an int, got bool {value!r}")
    try:
        number = operator.index(value)
    except TypeError:
        raise ValueError(f"{prefix}{name} must be an int, got {type(value).__name__} {value!r}") from None
    if minimum is not None and number < minimum:
        raise ValueError(f"{prefix}{name} must be >= {minimum}, got {number}")
    return number


def as_pair(value, name: str, func: str | None = None, minimum: int | None = None) -> tuple[int, int]:
    """An int or an ``(h, w)`` pair, the ``nn.Conv2d`` convention for sizes, paddings and strides, as ``(h, w)``.

    Each component is checked on its own, so the message names it: ``padding[1] must be >= 0, got -1``.
    """
    if isinstance(value, (tuple, list, torch.Size)):
        if len(value) != 2:
            prefix = f"{func}: " if func else ""
            raise ValueError(f"{prefix}{name} must be an int or a pair (h, w), got {len(value)} values {tuple(value)!r}")
        return (as_int(value[0], f"{name}[0]", func, minimum), as_int(value[1], f"{name}[1]", func, minimum))
    number = as_int(value, name, func, minimum)
    return number, number
