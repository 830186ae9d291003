"""How values and calls appear in feedback: by type, shape, dtype and device, never by hidden values.

One description per kind of value, used everywhere (a call's arguments, what came back,
plain results), so a student reads the same words in every message::

    >>> describe_value(torch.zeros(6, 8))
    'tensor 6×8 float32 on cpu'
    >>> call_text("corr2d", X=torch.zeros(6, 8), K=torch.ones(2, 2))
    'corr2d(X, K) with X: tensor 6×8 float32 on cpu, K: tensor 2×2 float32 on cpu'
    >>> str(describe_result(None))
    'None (did you forget to return the result?)'
"""
from __future__ import annotations

import torch

from convkit.messages import Message, message
from convkit.sandbox.codec import Handle


def dtype_name(dtype: torch.dtype) -> str:
    """``torch.float32`` -> ``'float32'``."""
    return str(dtype).replace("torch.", "")


def describe_value(value, limit: int = 60) -> str:
    """A tensor by shape, dtype and device (``tensor 6×8 float32 on cpu``), a sandbox object by its
    type (``Conv2D object``), a list or tuple holding tensors item by item, anything else by its
    ``repr`` cut to ``limit`` characters."""
    if isinstance(value, torch.Tensor):
        shape = "×".join(str(s) for s in value.shape) or "scalar"
        return f"tensor {shape} {dtype_name(value.dtype)} on {value.device.type}"
    if isinstance(value, Handle):
        return f"{value.type_name} object"
    if isinstance(value, (list, tuple)) and any(isinstance(v, torch.Tensor) for v in value):
        inner = ", ".join(describe_value(v) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner})"
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def describe_result(value) -> Message:
    """What a call returned, for a message's ``got:`` line: ``a tensor 6×8 float32 on cpu``, ``a dict``.

    Only tensors and sandbox objects are described beyond their type: a plain result may be
    long, and its type is what is wrong when this is shown.
    """
    if value is None:
        return message("result.none")
    if isinstance(value, (torch.Tensor, Handle)):
        return message("result.described", description=describe_value(value))
    return message("result.of_type", type=type(value).__name__)


def call_text(name: str, *args, keywords: dict | None = None, **named) -> str:
    """A call as feedback shows it.

    ``args`` are shown described, in place; ``named`` by their names (the names the prose and
    the hint use), described after ``with``; ``keywords`` as ``key=description``::

        call_text("f", 3)                                     'f(3)'
        call_text("f", keywords={"stride": 2})                'f(stride=2)'
        call_text("corr2d", X=x, K=k)                         'corr2d(X, K) with X: tensor ..., K: tensor ...'
        call_text("g", X=x, keywords={"stride": 2})           'g(X, stride=2) with X: tensor ...'
    """
    keywords = keywords or {}
    shown = [describe_value(a) for a in args] + list(named) + [f"{k}={describe_value(v)}" for k, v in keywords.items()]
    details = ", ".join(f"{k}: {describe_value(v)}" for k, v in named.items())
    return f"{name}({', '.join(shown)})" + (f" with {details}" if details else "")
