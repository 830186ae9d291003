"""Limits for one submission. Kept free of torch so the batch's main process never imports it."""
from dataclasses import dataclass


@dataclass
class Limits:
    """Time and memory limits for one submission (seconds and bytes)."""

    call_seconds: float = 10.0
    cell_seconds: float = 10.0
    memory_bytes: int = 2 * 1024**3
    output_bytes: int = 64 * 1024
