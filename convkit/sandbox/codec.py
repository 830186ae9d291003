"""The wire format between a grader and the sandbox that runs student code.

Frames are pickles of *built-in data only* (containers, numbers, strings, bytes), framed
by an 8-byte length, and read by an unpickler that refuses every class and callable
(:class:`_DataOnlyUnpickler`): a frame crafted by hostile student code cannot run code in
the grader. Tensors travel as raw bytes with dtype, shape and device; :func:`decode`
accepts only the shapes that :func:`encode` produces and rebuilds every tensor itself.
(``torch.save`` with ``weights_only`` loading would be safe too, but costs ~10 ms a frame.)

Tensors travel as CPU copies plus their device name; the receiver puts them back on that
device (``meta`` tensors travel as meta and are rebuilt empty). A tensor that is not
contiguous (``X.t()``, a slice with a step, an expanded one) travels with its strides and
the span of memory they cover, and arrives with the same strides: a grader that passes
``X.t()`` tests code on a transposed view, as a student's notebook would. Objects that cannot
travel by value (a student's ``nn.Module``, say) stay in the sandbox and travel as a
:class:`Handle`.
"""
from __future__ import annotations

import io
import pickle
import socket
import struct
from dataclasses import dataclass, field

import torch

#: Largest frame either side accepts; a result bigger than this is refused, not sent.
MAX_FRAME = 64 * 1024 * 1024

_HEADER = struct.Struct("!Q")
_SCALARS = (type(None), bool, int, float, str)


class WireError(Exception):
    """A frame that is too large, truncated, or not of the agreed shape."""


@dataclass(frozen=True)
class Handle:
    """A reference to an object that lives in the sandbox (e.g. a student's module).

    ``type_name`` and ``bases`` (the class's MRO names) let a grader check "is this an
    ``nn.Module`` called Conv2D" without the object ever leaving the sandbox.
    """

    id: int
    type_name: str = ""
    bases: tuple = field(default=())

    @property
    def is_module(self) -> bool:
        return "Module" in self.bases


# ---------------------------------------------------------------- encoding
def encode(value, store_handle=None):
    """Turn ``value`` into a tree of plain containers and CPU tensors.

    ``store_handle(obj) -> Handle`` keeps objects that cannot travel (sandbox side); without
    it such objects are an error (grader side sends only data and handles).
    """
    if type(value) in _SCALARS:
        return value
    if isinstance(value, Handle):
        return {"__h__": value.id}
    if isinstance(value, torch.Tensor):
        return _encode_tensor(value)
    if isinstance(value, torch.dtype):
        return {"__dtype__": str(value).replace("torch.", "")}
    if isinstance(value, torch.Size):
        return {"__size__": tuple(int(s) for s in value)}
    if isinstance(value, torch.device):
        return {"__dev__": str(value)}
    if type(value) in (list, tuple):
        items = [encode(v, store_handle) for v in value]
        return items if type(value) is list else tuple(items)
    if type(value) is dict:
        return {"__d__": [(encode(k, store_handle), encode(v, store_handle)) for k, v in value.items()]}
    numpy_value = _from_numpy(value)
    if numpy_value is not None:
        return encode(numpy_value, store_handle)
    if store_handle is None:
        raise WireError(f"cannot send a {type(value).__name__} to the sandbox")
    return {"__h__": store_handle(value)}


#: A non-contiguous tensor keeps its strides on the wire when the memory they span is at
#: most this many times its number of elements (else it travels as a contiguous copy).
STRIDED_SPAN_FACTOR = 4


def _encode_tensor(t: torch.Tensor):
    """Raw bytes of a CPU copy of ``t`` (meta: none) plus its metadata; a non-contiguous
    ``t`` keeps its strides (the bytes are then the memory span they cover).

    Subclass behaviour is switched off while copying, so a tensor subclass cannot make the
    copy differ from its real data.
    """
    with torch._C.DisableTorchFunctionSubclass():
        base = t.detach()
        if type(base) is not torch.Tensor:
            base = base.as_subclass(torch.Tensor)
        device = str(base.device)
        data, strides = b"", _kept_strides(base)
        if base.device.type != "meta" and base.numel():
            cpu = base.to("cpu")
            if strides is not None and tuple(cpu.stride()) == strides:
                flat = torch.as_strided(cpu, (_span(cpu.shape, strides),), (1,), cpu.storage_offset()).contiguous()
            else:
                strides, flat = None, cpu.contiguous().reshape(-1)
            data = flat.view(torch.uint8).numpy().tobytes()
    tree = {
        "__t__": data,
        "dtype": str(base.dtype).replace("torch.", ""),
        "shape": tuple(int(s) for s in base.shape),
        "dev": device,
        "rg": bool(t.requires_grad),
        "param": isinstance(t, torch.nn.Parameter),
    }
    if strides is not None:
        tree["strides"] = strides
    return tree


def _kept_strides(t: torch.Tensor):
    """``t``'s strides if they should travel (not contiguous, non-negative, a modest span), else None."""
    if t.is_contiguous() or not t.numel() or t.layout != torch.strided:
        return None
    strides = tuple(int(s) for s in t.stride())
    if any(s < 0 for s in strides) or _span(t.shape, strides) > STRIDED_SPAN_FACTOR * t.numel():
        return None
    return strides


def _span(shape, strides) -> int:
    """Elements of memory a tensor of ``shape`` and ``strides`` (non-negative, offset 0) covers."""
    return 1 + sum((int(n) - 1) * int(s) for n, s in zip(shape, strides)) if all(shape) else 0


def _from_numpy(value):
    """numpy scalars become Python numbers and arrays become tensors (if numpy is loaded)."""
    module = type(value).__module__
    if not module.startswith("numpy"):
        return None
    import numpy

    if isinstance(value, numpy.generic):
        return value.item()
    if isinstance(value, numpy.ndarray):
        return torch.from_numpy(numpy.ascontiguousarray(value))
    return None


# ---------------------------------------------------------------- decoding
def decode(tree, resolve_handle=None, handle_info=None):
    """Rebuild values from :func:`encode`'s tree, rejecting anything else with :class:`WireError`.

    ``resolve_handle(id)`` turns a handle id back into the object (sandbox side);
    ``handle_info(id) -> Handle`` describes it (grader side). Whatever the tree holds (a device
    that does not exist, a mapping's entry that is not a pair, nesting deeper than Python's
    stack), the only exception that leaves is :class:`WireError`.
    """
    try:
        return _decode(tree, resolve_handle, handle_info)
    except WireError:
        raise
    except (TypeError, ValueError, KeyError, RuntimeError, AssertionError, OverflowError) as error:
        raise WireError(f"malformed value on the wire ({type(error).__name__})") from None


def _decode(tree, resolve_handle, handle_info):
    if type(tree) in _SCALARS:
        return tree
    if type(tree) is list:
        return [_decode(v, resolve_handle, handle_info) for v in tree]
    if type(tree) is tuple:
        return tuple(_decode(v, resolve_handle, handle_info) for v in tree)
    if type(tree) is dict:
        return _decode_marker(tree, resolve_handle, handle_info)
    raise WireError(f"unexpected {type(tree).__name__} on the wire")


def _decode_marker(tree: dict, resolve_handle, handle_info):
    if "__t__" in tree:
        return _decode_tensor(tree)
    if "__d__" in tree:
        return {
            _decode(k, resolve_handle, handle_info): _decode(v, resolve_handle, handle_info)
            for k, v in tree["__d__"]
        }
    if "__dtype__" in tree:
        return _dtype(tree["__dtype__"])
    if "__size__" in tree:
        return torch.Size(_ints(tree["__size__"]))
    if "__dev__" in tree:
        return torch.device(str(tree["__dev__"]))
    if "__h__" in tree:
        handle_id = tree["__h__"]
        if type(handle_id) is not int:
            raise WireError("malformed handle")
        if resolve_handle is not None:
            return resolve_handle(handle_id)
        if handle_info is not None:
            return handle_info(handle_id, tree)
        return Handle(handle_id)
    raise WireError("unexpected mapping on the wire")


def _decode_tensor(tree: dict) -> torch.Tensor:
    data, device = tree["__t__"], tree.get("dev")
    if type(data) is not bytes or type(device) is not str:
        raise WireError("malformed tensor")
    dtype, shape = _dtype(tree.get("dtype")), torch.Size(_ints(tree.get("shape")))
    strides = tree.get("strides")
    if strides is not None:
        strides = _ints(strides)
        if len(strides) != len(shape):
            raise WireError("malformed strides")
    target = torch.device(device)
    if target.type == "meta":
        tensor = (torch.empty(shape, dtype=dtype, device="meta") if strides is None
                  else torch.empty_strided(shape, strides, dtype=dtype, device="meta"))
    else:
        tensor = _tensor_from_bytes(data, dtype, shape, strides)
        if target.type != "cpu":
            tensor = tensor.to(target)
    if tree.get("param") is True:
        return torch.nn.Parameter(tensor, requires_grad=bool(tree.get("rg")))
    if tree.get("rg") is True and (tensor.is_floating_point() or tensor.is_complex()):
        tensor.requires_grad_(True)
    return tensor


def _tensor_from_bytes(data: bytes, dtype: torch.dtype, shape: torch.Size, strides=None) -> torch.Tensor:
    """The tensor ``data`` holds: contiguous, or (with ``strides``) a view of the memory span it holds."""
    elements = shape.numel() if strides is None else _span(shape, strides)
    expected = elements * torch.empty((), dtype=dtype).element_size()
    if len(data) != expected:
        raise WireError("tensor data does not match its shape")
    if not expected:
        return torch.empty(shape, dtype=dtype)
    flat = torch.frombuffer(bytearray(data), dtype=torch.uint8).view(dtype)
    return flat.reshape(shape) if strides is None else torch.as_strided(flat, shape, strides)


def _dtype(name) -> torch.dtype:
    dtype = getattr(torch, name, None) if type(name) is str else None
    if not isinstance(dtype, torch.dtype):
        raise WireError(f"unknown dtype {name!r}")
    return dtype


def _ints(values) -> tuple:
    if type(values) not in (list, tuple) or any(type(v) is not int or v < 0 for v in values):
        raise WireError("malformed shape")
    return tuple(values)


# ---------------------------------------------------------------- framing
class _DataOnlyUnpickler(pickle.Unpickler):
    """Rebuilds only built-in containers, numbers, strings and bytes: no class, no callable."""

    def find_class(self, module, name):
        raise WireError(f"refused to load {module}.{name}")


def dumps(tree) -> bytes:
    payload = pickle.dumps(tree, protocol=5)
    if len(payload) > MAX_FRAME:
        raise WireError(f"message of {len(payload)} bytes exceeds the {MAX_FRAME}-byte limit")
    return payload


def loads(payload: bytes):
    try:
        return _DataOnlyUnpickler(io.BytesIO(payload)).load()
    except WireError:
        raise
    except Exception as exc:  # a forged or truncated frame: never trust it
        raise WireError(f"unreadable message ({type(exc).__name__})") from None


def send_frame(sock: socket.socket, tree) -> None:
    payload = dumps(tree)
    sock.sendall(_HEADER.pack(len(payload)) + payload)


def recv_frame(sock: socket.socket):
    """Read one frame; ``EOFError`` when the other side is gone, ``socket.timeout`` passes up."""
    (size,) = _HEADER.unpack(_recv_exact(sock, _HEADER.size))
    if size > MAX_FRAME:
        raise WireError(f"message of {size} bytes exceeds the {MAX_FRAME}-byte limit")
    return loads(_recv_exact(sock, size))


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    chunks, remaining = [], size
    while remaining:
        chunk = sock.recv(min(remaining, 1 << 20))
        if not chunk:
            raise EOFError("sandbox closed the connection")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
