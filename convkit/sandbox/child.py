"""The sandbox process: runs one submission's code and answers a grader's requests.

Everything here runs next to untrusted code, so nothing here decides a score. The grader
sends inputs, this process calls the student's functions and sends back what they
returned, by value (see :mod:`convkit.sandbox.codec`). Student code may patch torch, this
module, or anything else in this process: the worst it can do is send back wrong values
or die, and the grader treats both as failures.

Requests (dicts with an ``op``):

``load``   run the submission's cells in order; a failing cell is recorded and the next runs
``names``  which of the given names the submission defines, and as what
``call``   call a submission function (or a handle) with arguments
``run``    run a grader-written snippet in a namespace that sees the submission's names
"""
from __future__ import annotations

import linecache
import os
import sys
import traceback
import types

import torch

from convkit.sandbox import codec

#: Cells whose code is shown in error locations are registered under this filename prefix.
CELL_PREFIX = "<submission "


class _Session:
    """State of one sandbox: the submission's namespace and the objects kept as handles."""

    def __init__(self, sock, module_name: str):
        self.sock = sock
        self.pid = os.getpid()
        # ``grader`` exists from the start, so a notebook whose otter init cell was deleted
        # or moved does not fail every ``grader.check`` cell.
        self.namespace = {"__name__": module_name, "__builtins__": __builtins__,
                          "grader": sys.modules["otter"].Notebook()}
        self.handles: dict[int, object] = {}
        self.probes: dict[str, types.CodeType] = {}  # grader probes, compiled once per sandbox

    # -- handles ----------------------------------------------------------------------
    def store(self, obj) -> int:
        handle_id = len(self.handles) + 1
        self.handles[handle_id] = obj
        return handle_id

    def resolve(self, handle_id: int):
        return self.handles[handle_id]

    def encode(self, value):
        """Encode a result; objects that cannot travel become handles with their type names."""
        tree = codec.encode(value, store_handle=self.store)
        return _describe_handles(tree, self.handles)

    def decode(self, tree):
        return codec.decode(tree, resolve_handle=self.resolve)

    # -- requests ---------------------------------------------------------------------
    def serve(self) -> None:
        while True:
            try:
                request = codec.recv_frame(self.sock)
            except EOFError:
                return
            handler = getattr(self, "op_" + str(request.get("op")), None)
            if handler is None:
                self.reply({"error": _error_info(ValueError(f"unknown op {request.get('op')!r}"))})
                continue
            self.reply(handler(request))

    def send(self, message: dict) -> None:
        """Send one frame, from this process only.

        A child that student code forked (and that did not exit, or whose ``exec`` failed)
        returns into this loop holding the same socket; it must leave instead of answering,
        or two processes would interleave frames on one connection.
        """
        if os.getpid() != self.pid:
            os._exit(0)
        codec.send_frame(self.sock, message)

    def reply(self, message: dict) -> None:
        try:
            self.send(message)
        except codec.WireError as exc:
            self.send({"error": {"type": "ResultTooLarge", "message": str(exc), "where": ""}})

    def op_load(self, request) -> dict:
        """Run each cell; report start and end of each so the grader can time them out one by one."""
        skip = set(request.get("skip", ()))
        for index, (label, source) in enumerate(request["cells"]):
            if index in skip:
                continue
            self.send({"event": "cell_start", "index": index})
            error = self._run_cell(f"{label}#{index}", source)
            _flush_std_streams()
            self.send({"event": "cell_done", "index": index, "error": error})
        return {"ok": True}

    def _run_cell(self, label: str, source: str):
        filename = f"{CELL_PREFIX}{label}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        try:
            code = compile(source, filename, "exec")
            exec(code, self.namespace)
        except BaseException as exc:  # SystemExit and KeyboardInterrupt included: record, go on
            return _error_info(exc)
        return None

    def op_names(self, request) -> dict:
        found = {}
        for name in request["names"]:
            if name in self.namespace:
                found[name] = _kind_of(self.namespace[name])
        return {"ok": self.encode(found)}

    def op_call(self, request) -> dict:
        target = request["target"]
        if isinstance(target, str):
            if target not in self.namespace:
                return {"error": {"type": "NameError", "message": f"name {target!r} is not defined", "where": ""}}
            function = self.namespace[target]
        else:
            function = self.decode(target)
        args = self.decode(request.get("args", []))
        kwargs = self.decode(request.get("kwargs", {}))
        return self._invoke(lambda: function(*args, **kwargs), request)

    def op_run(self, request) -> dict:
        """Run grader code (e.g. build a module, set its weights, backpropagate) next to the submission."""
        env = dict(self.namespace)
        env.update(torch=torch, nn=torch.nn, F=torch.nn.functional)
        env.update(self.decode(request.get("inputs", {})))
        code = self.probes.get(request["code"])
        if code is None:
            code = self.probes[request["code"]] = compile(request["code"], "<grader probe>", "exec")

        def probe():
            exec(code, env)
            return env.get("result")

        return self._invoke(probe, request)

    def _invoke(self, thunk, request) -> dict:
        """Run student code under the request's options; errors become data, not crashes."""
        if request.get("seed") is not None:
            torch.manual_seed(int(request["seed"]))
        try:
            value = thunk()
        except BaseException as exc:
            return {"error": _error_info(exc)}
        finally:
            _flush_std_streams()
        try:
            return {"ok": self.encode(value)}
        except BaseException as exc:
            return {"error": _error_info(exc, prefix="the result could not be sent back: ")}


def _describe_handles(tree, handles):
    """Add type names to every handle in an encoded tree so graders can inspect them."""
    if type(tree) is dict and "__h__" in tree:
        cls = type(handles[tree["__h__"]])
        return {"__h__": tree["__h__"], "type": cls.__name__, "bases": tuple(c.__name__ for c in cls.__mro__)}
    if type(tree) is dict and "__d__" in tree:
        return {"__d__": [(k, _describe_handles(v, handles)) for k, v in tree["__d__"]]}
    if type(tree) in (list, tuple):
        items = [_describe_handles(v, handles) for v in tree]
        return items if type(tree) is list else tuple(items)
    return tree


def _kind_of(value) -> str:
    if isinstance(value, type):
        return "class"
    if callable(value):
        return "function"
    return "value"


def _error_info(exc: BaseException, prefix: str = "") -> dict:
    """Type, message and the student's own line where it happened (no grader frames)."""
    if isinstance(exc, SystemExit):
        message = f"the code called exit({exc.code!r})"
    elif isinstance(exc, SyntaxError) and exc.msg:
        message = exc.msg  # str() adds the internal file name; the location says where
    else:
        message = str(exc)
    return {
        "type": type(exc).__name__,
        "bases": [cls.__name__ for cls in type(exc).__mro__],
        "message": (prefix + message)[:300],
        **_student_frame(exc),
    }


def _student_frame(exc: BaseException) -> dict:
    """Where in submission code the exception last passed: ``where`` ('cell [3], line 5: Y[i, j] = ...')
    and ``function`` (the innermost submission function's name), in one walk of the traceback
    that reads source lines for the student's frames only."""
    location, function = "", ""
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        filename = frame.f_code.co_filename
        if filename.startswith(CELL_PREFIX):
            code = linecache.getline(filename, lineno).strip()
            location = f"{_cell_label(filename)}, line {lineno}" + (f": {code}" if code else "")
            function = frame.f_code.co_name
    if not location and isinstance(exc, SyntaxError) and exc.filename and exc.filename.startswith(CELL_PREFIX):
        location = f"{_cell_label(exc.filename)}, line {exc.lineno}"
    return {"where": location[:160], "function": function[:60]}


def _cell_label(filename: str) -> str:
    """'<submission cell [3]#2>' -> 'cell [3]' (the '#2' only keeps linecache entries apart)."""
    return filename[len(CELL_PREFIX):-1].rsplit("#", 1)[0]


def _flush_std_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


def _install_otter_stub() -> None:
    """Make ``import otter`` and ``grader = otter.Notebook(...)`` harmless and instant.

    Submitted notebooks carry otter's init and ``grader.check`` cells; importing real otter
    costs seconds and would run public tests inside the sandbox for nothing.
    """
    otter = types.ModuleType("otter")

    class Notebook:
        def __init__(self, *args, **kwargs):
            pass

        def __getattr__(self, name):
            return lambda *args, **kwargs: None

    otter.Notebook = Notebook
    sys.modules["otter"] = otter


def serve(sock, module_name: str = "__main__") -> None:
    """Entry point in a freshly forked sandbox process."""
    _install_otter_stub()
    # Graders compare with float64 references: student code on Ampere/Hopper GPUs must not
    # silently use TF32 (cuDNN's default), or correct F.conv2d answers would be off by 1e-3.
    torch.backends.cudnn.allow_tf32 = False
    torch.backends.cuda.matmul.allow_tf32 = False
    _Session(sock, module_name).serve()


if __name__ == "__main__":  # pragma: no cover - started by the zygote, not by hand
    print("convkit.sandbox.child is started by convkit's zygote", file=sys.stderr)
    os._exit(2)
