"""The wire format between grader and sandbox: values come back by value, and nothing else comes back.

A hostile submission controls every byte its sandbox sends. The loader must build only
built-in data (no class, no callable: pickle's GLOBAL, STACK_GLOBAL, INST, OBJ, REDUCE,
NEWOBJ, BUILD, EXT and persistent ids all refused), frames must respect their size limit,
and a tree of the agreed shape with wrong contents (a tensor whose bytes do not match its
shape, an unknown dtype or device, a mapping that is not pairs) is refused with
:class:`WireError`, never another exception.
"""
import pickle
import socket
import struct
from collections import OrderedDict

import numpy
import pytest
import torch

from convkit.sandbox import codec
from convkit.sandbox.codec import Handle, WireError, decode, dumps, encode, loads, recv_frame, send_frame


def through_the_wire(value, **decode_options):
    return decode(loads(dumps(encode(value, store_handle=lambda obj: 7))), **decode_options)


# ------------------------------------------------------------------ values that travel
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64,
                                   torch.int8, torch.uint8, torch.bool, torch.complex64])
def test_tensors_come_back_equal_with_dtype_and_shape(dtype):
    tensor = (torch.arange(12, dtype=torch.float64).reshape(3, 4) - 5).to(dtype)
    back = through_the_wire(tensor)
    assert type(back) is torch.Tensor and back.dtype == dtype and back.shape == (3, 4)
    assert torch.equal(back, tensor)


@pytest.mark.parametrize("tensor", [torch.tensor(2.5), torch.zeros(0, 3), torch.zeros(0, 3).t()], ids=["scalar", "empty",
                                                                                                   "empty transposed"])
def test_plain_layouts_arrive_as_plain_copies(tensor):
    back = through_the_wire(tensor)
    assert back.shape == tensor.shape and torch.equal(back, tensor) and back.is_contiguous()


ARANGE = torch.arange(35.0).reshape(7, 5)


@pytest.mark.parametrize("tensor", [ARANGE.t(), ARANGE[1:].t(), ARANGE[:, ::2], ARANGE[::3],
                                    torch.ones(3, 1).expand(3, 4), torch.arange(24.0).reshape(2, 3, 4).permute(2, 0, 1)],
                         ids=["transposed", "offset view", "strided columns", "strided rows", "expanded", "permuted"])
def test_non_contiguous_tensors_arrive_with_their_strides(tensor):
    """d2l applies corr2d to X.t(): code that assumes a contiguous X must meet a transposed view."""
    back = through_the_wire(tensor)
    assert torch.equal(back, tensor) and back.stride() == tensor.stride() and not back.is_contiguous()


def test_meta_tensors_keep_their_strides():
    back = through_the_wire(torch.empty(4, 6, device="meta").t())
    assert back.device.type == "meta" and back.shape == (6, 4) and back.stride() == (1, 6)


def test_a_view_of_a_large_tensor_travels_as_a_copy():
    """A few elements of a large storage are not worth sending it all: above the span limit, a plain copy."""
    view = torch.arange(10000.0).reshape(100, 100)[::50, ::50]
    back = through_the_wire(view)
    assert torch.equal(back, view) and back.is_contiguous()


@pytest.mark.parametrize("strides, data_elements", [((3, 1), 4), ((-1, 1), 6), ((1,), 6), ((1, 2, 3), 6)],
                         ids=["too little data", "negative", "too few", "too many"])
def test_strides_that_do_not_fit_their_data_are_refused(strides, data_elements):
    tree = encode(ARANGE.t()[:2, :3])
    tree["strides"] = strides
    tree["__t__"] = bytes(4 * data_elements)
    with pytest.raises(WireError):
        decode(tree)


def test_meta_tensors_keep_shape_and_dtype_and_grad_flags_survive():
    meta = through_the_wire(torch.empty(2, 5, dtype=torch.float64, device="meta"))
    assert meta.device.type == "meta" and meta.shape == (2, 5) and meta.dtype == torch.float64
    grad = through_the_wire(torch.ones(2, requires_grad=True))
    assert grad.requires_grad
    parameter = through_the_wire(torch.nn.Parameter(torch.ones(3)))
    assert isinstance(parameter, torch.nn.Parameter)


def test_a_tensor_subclass_travels_as_its_real_data():
    class Liar(torch.Tensor):
        def __eq__(self, other):
            return torch.tensor(True)

    back = through_the_wire(torch.arange(3.0).as_subclass(Liar))
    assert type(back) is torch.Tensor and back.tolist() == [0.0, 1.0, 2.0]


def test_containers_scalars_and_torch_values():
    value = {"K": [1, 2.5, None, True, "x", -7], (1, 2): (torch.Size([2, 3]), torch.float64, torch.device("cpu"))}
    assert through_the_wire(value) == value


def test_numpy_becomes_python_numbers_and_tensors():
    assert through_the_wire(numpy.int64(3)) == 3 and type(through_the_wire(numpy.float32(0.5))) is float
    assert torch.equal(through_the_wire(numpy.arange(4)), torch.arange(4))


def test_objects_that_cannot_travel_become_handles():
    handle = through_the_wire(object(), handle_info=lambda handle_id, tree: Handle(handle_id, "Conv2D", ("Module",)))
    assert handle == Handle(7, "Conv2D", ("Module",)) and handle.is_module
    with pytest.raises(WireError, match="cannot send a object"):
        encode(object())  # the grader side sends data and handles only


# ------------------------------------------------------------------ frames that try to build objects
def payload_global_reduce() -> bytes:
    """Protocol 0: GLOBAL os.system, MARK, a string, TUPLE, REDUCE: os.system('true')."""
    return b"cos\nsystem\n(S'true'\ntR."


def payload_inst() -> bytes:
    """Protocol 0 INST: instantiate os.system with one argument."""
    return b"(S'true'\nios\nsystem\n."


def payload_stack_global() -> bytes:
    """Protocol 4: SHORT_BINUNICODE module and name, STACK_GLOBAL, EMPTY_TUPLE, REDUCE."""
    return (b"\x80\x04\x8c\x08builtins\x94\x8c\x04eval\x94\x93\x94\x8c\x011\x94\x85\x94R\x94.")


def payload_newobj() -> bytes:
    return pickle.dumps(OrderedDict(a=1), protocol=2)


def payload_obj() -> bytes:
    """Protocol 1 OBJ: MARK, GLOBAL class, OBJ."""
    return b"(ccollections\nOrderedDict\no."


def payload_build() -> bytes:
    """BUILD on a plain dict: state set on an object that has no __dict__ or __setstate__."""
    return b"}(S'a'\nI1\ndb."


def payload_ext() -> bytes:
    """EXT1: an object from copyreg's extension registry (code 1)."""
    return b"\x80\x02\x82\x01."


def payload_persistent_id() -> bytes:
    return b"Pfile\n."


@pytest.mark.parametrize("payload", [payload_global_reduce, payload_inst, payload_stack_global, payload_newobj,
                                     payload_obj, payload_build, payload_ext, payload_persistent_id],
                         ids=lambda f: f.__name__.removeprefix("payload_"))
def test_frames_crafted_to_construct_objects_are_refused(payload, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(WireError):
        loads(payload())
    assert list(tmp_path.iterdir()) == []


def test_the_refusal_names_what_was_asked_for():
    with pytest.raises(WireError, match="refused to load os.system"):
        loads(payload_global_reduce())


def test_a_truncated_or_garbled_frame_is_refused():
    good = dumps(encode([1, 2, 3]))
    for broken in (good[:-3], b"\x80\x05garbage", b""):
        with pytest.raises(WireError, match="unreadable message"):
            loads(broken)


# ------------------------------------------------------------------ frame sizes
def test_an_oversized_frame_is_refused_before_it_is_read():
    ours, theirs = socket.socketpair()
    with ours, theirs:
        theirs.sendall(struct.pack("!Q", codec.MAX_FRAME + 1))
        ours.settimeout(2)
        with pytest.raises(WireError, match="exceeds"):
            recv_frame(ours)


def test_a_message_over_the_limit_is_not_sent(monkeypatch):
    monkeypatch.setattr(codec, "MAX_FRAME", 1000)
    with pytest.raises(WireError, match="exceeds the 1000-byte limit"):
        dumps(encode(torch.zeros(1000)))


def test_frames_round_trip_and_a_short_one_ends_in_eof():
    ours, theirs = socket.socketpair()
    with ours, theirs:
        send_frame(theirs, encode({"ok": torch.arange(3)}))
        assert torch.equal(decode(recv_frame(ours))["ok"], torch.arange(3))
        theirs.sendall(struct.pack("!Q", 100) + b"x" * 10)
        theirs.close()
        with pytest.raises(EOFError):
            recv_frame(ours)


# ------------------------------------------------------------------ trees of the agreed shape, wrong contents
def tensor_tree(**changes):
    tree = encode(torch.ones(2, 3))
    tree.update(changes)
    return tree


@pytest.mark.parametrize("tree", [
    tensor_tree(__t__=b"\x00" * 5),                     # bytes do not match the shape
    tensor_tree(shape=(10 ** 12,)),                     # a huge shape with no data behind it
    tensor_tree(shape=(2, -3)),                         # a negative size
    tensor_tree(shape=(2, True)),                       # not an int
    tensor_tree(shape="2x3"),                           # not a shape
    tensor_tree(dtype="float33"),                       # no such dtype
    tensor_tree(dtype="tensor"),                        # a torch attribute that is not a dtype
    tensor_tree(__t__="text"),                          # data that is not bytes
    tensor_tree(dev="no-such-device"),                  # a device torch does not know
    tensor_tree(dev="cuda:7") if not torch.cuda.is_available() else tensor_tree(dev="cuda:1000"),
    {"__d__": [1, 2]},                                  # a mapping whose entries are not pairs
    {"__d__": [([1], 2)]},                              # an unhashable key
    {"__size__": [-1]},
    {"__dev__": "nowhere"},
    {"__dtype__": "Tensor"},
    {"__h__": "7"},                                     # a handle that is not an int
    {"__anything__": 1},                                # a mapping of no agreed shape
    {1, 2},                                             # a type the format never uses
], ids=lambda tree: next(iter(tree)) if isinstance(tree, dict) else type(tree).__name__)
def test_wrong_shapes_are_refused_with_wire_error(tree):
    with pytest.raises(WireError):
        decode(loads(dumps(tree)))


def test_nesting_deeper_than_the_stack_is_refused():
    depth = 100_000
    frame = b"\x80\x02" + b"]" * depth + b"a" * (depth - 1) + b"."  # lists in lists, built without recursion
    with pytest.raises(WireError):
        decode(loads(frame))
