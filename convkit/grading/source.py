"""What a submission's *source* says about its functions, read by the grader.

Some properties cannot be judged from results: "the result is computed with a matrix
multiplication, not a convolution" is about how, not what. Evidence recorded while the
code runs (an operator trace, say) is produced inside the sandbox, where student code can
switch the recorder off or feed it dummy operations. The submitted file is not: the grader
reads it from the submission, parses it (never runs it) and looks at the functions a
question names, plus every function and top-level name of the submission they use,
transitively.

The same reading decides whether a question was *attempted* (:func:`attempt`): a question
whose functions are the stub unchanged, or whose bodies only raise
``NotImplementedError``, was not, and its tests are not run.
"""
from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass, field, replace

#: Names whose use means "a matrix multiplication" (functions, methods, ``torch.linalg``).
MATMUL_NAMES = frozenset({
    "matmul", "mm", "bmm", "mv", "dot", "vdot", "inner", "einsum", "tensordot", "addmm", "addmv", "addbmm",
    "baddbmm", "linear", "chain_matmul", "multi_dot",
})

#: torch functions that create a tensor: on the CPU unless given ``device=``, in the default
#: dtype (or one inferred from data) unless given ``dtype=``.
FACTORIES = frozenset({"zeros", "ones", "empty", "full", "eye", "rand", "randn", "randint", "arange",
                       "linspace", "tensor"})


@dataclass(frozen=True)
class FactoryCall:
    """A call such as ``torch.zeros(shape)`` in the student's code, and which keywords it passes."""

    name: str  # "zeros"
    where: str  # "cell [4], line 6" or "my_solutions.py, line 12"
    device: bool  # passes device=
    dtype: bool  # passes dtype=


@dataclass
class SourceFacts:
    """The library names and operators a group of functions uses (their own helpers resolved)."""

    functions: list[str] = field(default_factory=list)  # the submission's definitions that were read
    names: set[str] = field(default_factory=set)  # identifiers and attributes not defined by the submission
    matmul_operator: bool = False  # ``@`` appears
    factory_calls: list[FactoryCall] = field(default_factory=list)  # tensor factories, in source order

    @property
    def uses_matmul(self) -> bool:
        return self.matmul_operator or bool(self.names & MATMUL_NAMES)

    def uses_any(self, pattern) -> list[str]:
        """Sorted names matching the compiled regular expression ``pattern``."""
        return sorted(name for name in self.names if pattern.search(name))


@dataclass(frozen=True)
class Definition:
    """The statement that (last) binds a top-level name, and the cell it is in."""

    node: ast.AST
    cell: str  # the cell's label, as feedback names it


def definitions(cells) -> dict[str, Definition]:
    """name -> the last top-level statement that binds it (def, class, assignment), in cell order."""
    found: dict[str, Definition] = {}
    for label, source in cells:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            for name in _bound_names(node):
                found[name] = Definition(node, label)
    return found


def top_level_definitions(cells) -> dict[str, ast.AST]:
    """name -> the last top-level statement that binds it (def, class, assignment), in cell order."""
    return {name: definition.node for name, definition in definitions(cells).items()}


def _bound_names(node: ast.AST) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
        return [node.target.id]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(alias.asname or alias.name).split(".")[0] for alias in node.names]
    return []


def facts(cells, names, found: dict[str, Definition] | None = None) -> SourceFacts:
    """What the functions ``names`` use, following the submission's own names they refer to
    (``found``: :func:`definitions` of ``cells``, when the caller has parsed them already)."""
    found = definitions(cells) if found is None else found
    found = {name: d for name, d in found.items() if not isinstance(d.node, (ast.Import, ast.ImportFrom))}
    result = SourceFacts()
    pending, seen = list(names), set()
    while pending:
        name = pending.pop()
        if name in seen or name not in found:
            continue
        seen.add(name)
        result.functions.append(name)
        definition = found[name]
        parameters = _parameter_arguments(definition.node)
        for node in ast.walk(definition.node):
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
                result.matmul_operator = True
            elif isinstance(node, ast.Name):
                (pending.append if node.id in found else result.names.add)(node.id)
            elif isinstance(node, ast.Attribute):
                result.names.add(node.attr)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                result.names.update(alias.name.split(".")[-1] for alias in node.names)
            if isinstance(node, ast.Call) and id(node) not in parameters:
                factory = _factory(node, definition.cell)
                if factory is not None:
                    result.factory_calls.append(factory)
    result.factory_calls.sort(key=lambda call: call.where)
    return result


def _parameter_arguments(tree: ast.AST) -> set[int]:
    """ids of the calls wrapped in ``nn.Parameter(...)``: a module's parameters are made on the CPU
    and moved by ``.to()``, so a factory there is no device mistake."""
    wrapped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
            if name == "Parameter":
                wrapped.update(id(argument) for argument in node.args)
    return wrapped


def _factory(node: ast.Call, cell: str) -> FactoryCall | None:
    """``torch.zeros(...)`` (or ``zeros(...)`` imported from torch) as a :class:`FactoryCall`."""
    function = node.func
    if isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name) and function.value.id == "torch":
        name = function.attr
    elif isinstance(function, ast.Name):
        name = function.id
    else:
        return None
    if name not in FACTORIES:
        return None
    keywords = {k.arg for k in node.keywords}
    if None in keywords:  # **options: cannot tell
        return None
    return FactoryCall(name, f"{cell}, line {node.lineno}", "device" in keywords, "dtype" in keywords)


# ------------------------------------------------------------------ attempted or not
@dataclass(frozen=True)
class Attempt:
    """How far a question's names are written in the submission's source."""

    written: tuple[str, ...]  # defined, and not the stub
    stubs: tuple[str, ...]  # the stub unchanged, or a body that only raises NotImplementedError
    missing: tuple[str, ...]  # not defined in any cell that parses
    broken: tuple[tuple[str, str], ...]  # (name, cell label) defined only in a cell with a syntax error

    @property
    def attempted(self) -> bool:
        """Something of the question is written (a cell with a syntax error counts: it is work)."""
        return bool(self.written or self.broken)

    def with_names_defined_when_run(self, defined) -> Attempt:
        """Count as written the names the source binds nowhere at top level but the run defined.

        The source can miss a valid answer: a function defined inside ``if``/``try``, made by
        ``exec``, imported from the student's own helper, or placed in ``globals()``. Calling
        such an answer "not attempted" would fail a valid answer for its form, so the run has
        the last word here (``defined(name)``: is ``name`` bound after the cells ran). Stubs
        stay stubs: they are bound in the source.
        """
        found = tuple(name for name in self.missing if defined(name))
        if not found:
            return self
        return replace(self, written=self.written + found, missing=tuple(n for n in self.missing if n not in found))


def attempt(cells, names, stub: str = "", found: dict[str, Definition] | None = None,
            answer_cell: str = "") -> Attempt:
    """Which of ``names`` the cells define for real, which are stubs, missing, or broken.

    A definition is a stub when it equals the question's ``stub`` (comments and docstrings
    ignored) or when every function body in it does nothing before ``raise
    NotImplementedError`` (``super().__init__()``, ``pass`` and docstrings aside).
    ``found`` is ``definitions(cells)`` when the caller has it already: a grader asks about
    every question of a submission, and parsing its cells once instead of once a question
    was a tenth of a batch worker's time. ``answer_cell`` is the label of the question's own
    answer cell, if the notebook has one: a syntax error there makes the names it should
    define broken (an attempt to fix), not missing, even when the broken code names none of them.
    """
    found = definitions(cells) if found is None else found
    stubs = _stub_forms(stub)
    written, stub_names, missing, broken = [], [], [], []
    for name in names:
        definition = found.get(name)
        if definition is None:
            cell = _defined_in_broken_cell(cells, name) or _broken_cell(cells, answer_cell)
            (broken.append((name, cell)) if cell else missing.append(name))
        elif _is_stub(definition.node, stubs.get(name)):
            stub_names.append(name)
        else:
            written.append(name)
    return Attempt(tuple(written), tuple(stub_names), tuple(missing), tuple(broken))


@functools.lru_cache(maxsize=256)
def _stub_forms(stub: str) -> dict[str, str]:
    """name -> the :func:`_normalised` form of its definition in ``stub`` (once per stub and process;
    callers only read the dict)."""
    try:
        tree = ast.parse(stub)
    except SyntaxError:
        return {}
    return {name: _normalised(node) for node in tree.body for name in _bound_names(node)}


def _is_stub(node: ast.AST, stub_form: str | None) -> bool:
    if stub_form is not None and _normalised(node) == stub_form:
        return True
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return _raises_not_implemented(node.body)
    if isinstance(node, ast.ClassDef):
        methods = [n for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        return bool(methods) and all(_raises_not_implemented(m.body) for m in methods)
    return False


def _normalised(node: ast.AST) -> str:
    """The statement's AST without docstrings (comments are not in the AST)."""
    node = _without_docstrings(ast.parse(ast.unparse(node)))
    return ast.dump(node, annotate_fields=False, include_attributes=False)


def _without_docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and _is_docstring(body[0]):
            node.body = body[1:] or [ast.Pass()]
    return tree


def _is_docstring(statement: ast.stmt) -> bool:
    return (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str))


def _raises_not_implemented(body: list[ast.stmt]) -> bool:
    """The body does nothing of substance before ``raise NotImplementedError``."""
    for statement in body:
        if _is_docstring(statement) or isinstance(statement, ast.Pass) or _is_ellipsis(statement) \
                or _is_super_init(statement):
            continue
        return isinstance(statement, ast.Raise) and _names_not_implemented(statement.exc)
    return False


def _is_ellipsis(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) and statement.value.value is ...


def _is_super_init(statement: ast.stmt) -> bool:
    """``super().__init__(...)``: the stub of an ``nn.Module`` keeps it."""
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)):
        return False
    function = statement.value.func
    return (isinstance(function, ast.Attribute) and function.attr == "__init__"
            and isinstance(function.value, ast.Call) and isinstance(function.value.func, ast.Name)
            and function.value.func.id == "super")


def _names_not_implemented(exc) -> bool:
    target = exc.func if isinstance(exc, ast.Call) else exc
    return isinstance(target, ast.Name) and target.id == "NotImplementedError"


def _broken_cell(cells, label: str) -> str:
    """``label`` if the cell so labelled does not parse, else ''."""
    return label if label and any(cell == label for cell, _ in _unparsable(tuple(cells))) else ""


def _defined_in_broken_cell(cells, name: str) -> str:
    """The label of a cell that does not parse but defines ``name`` at its top level, else ''."""
    pattern = re.compile(rf"^(?:def|class)\s+{re.escape(name)}\b|^{re.escape(name)}\s*=", re.M)
    found = ""
    for label, source in _unparsable(tuple(cells)):
        if pattern.search(source):
            found = label
    return found


@functools.lru_cache(maxsize=8)
def _unparsable(cells: tuple) -> tuple:
    """The (label, source) cells that do not parse: found once per submission, asked for every
    name the source does not define."""
    broken = []
    for label, source in cells:
        try:
            ast.parse(source)
        except SyntaxError:
            broken.append((label, source))
    return tuple(broken)


# ------------------------------------------------------------------ written answers
def written_answer(markdown_cells, placeholder: str, title: str = "") -> str:
    """Whether a hand-graded answer was written: ``"answered"``, ``"placeholder"`` (left as given)
    or ``"not found"``.

    The answer cell is recognised by the prompts of its placeholder (the text of each line
    before ``_replace this text_``) or as the Markdown cell right after the question's heading.
    """
    wanted = _words(placeholder)
    cells = list(markdown_cells)
    if any(_words(cell) == wanted for cell in cells):
        return "placeholder"
    prompts = [_words(line.split("_replace")[0]) for line in placeholder.splitlines() if line.strip()]
    prompts = [p for p in prompts if len(p) >= 12]
    if any(prompt in _words(cell) for cell in cells for prompt in prompts):
        return "answered"
    for index, cell in enumerate(cells[:-1]):
        if title and cell.lstrip().startswith("#") and _words(title) in _words(cell.splitlines()[0]):
            following = cells[index + 1].strip()
            if following and not following.startswith("#"):
                return "answered"
    return "not found"


def _words(text: str) -> str:
    return " ".join(text.split())
