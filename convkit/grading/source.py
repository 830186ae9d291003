"""What a submission's *source* says about its functions, read by the grader.

Some properties cannot be judged from results: "the result is computed with a matrix
multiplication, not a convolution" is about how, not what. Evidence recorded while the
code runs (an operator trace, say) is produced inside the sandbox, where student code can
switch the recorder off or feed it dummy operations. The submitted file is not: the grader
reads it from the submission, parses it (never runs it) and looks at the functions a
question names, plus every function and top-level name of the submission they use,
transitively.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field

#: Names whose use means "a matrix multiplication" (functions, methods, ``torch.linalg``).
MATMUL_NAMES = frozenset({
    "matmul", "mm", "bmm", "mv", "dot", "vdot", "inner", "einsum", "tensordot", "addmm", "addmv", "addbmm",
    "baddbmm", "linear", "chain_matmul", "multi_dot",
})


@dataclass
class SourceFacts:
    """The library names and operators a group of functions uses (their own helpers resolved)."""

    functions: list[str] = field(default_factory=list)  # the submission's definitions that were read
    names: set[str] = field(default_factory=set)  # identifiers and attributes not defined by the submission
    matmul_operator: bool = False  # ``@`` appears

    @property
    def uses_matmul(self) -> bool:
        return self.matmul_operator or bool(self.names & MATMUL_NAMES)

    def uses_any(self, pattern) -> list[str]:
        """Sorted names matching the compiled regular expression ``pattern``."""
        return sorted(name for name in self.names if pattern.search(name))


def top_level_definitions(cells) -> dict[str, ast.AST]:
    """name -> the last top-level statement that binds it (def, class, assignment), in cell order."""
    found: dict[str, ast.AST] = {}
    for _, source in cells:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            for name in _bound_names(node):
                found[name] = node
    return found


def _bound_names(node: ast.AST) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def facts(cells, names) -> SourceFacts:
    """What the functions ``names`` use, following the submission's own names they refer to."""
    definitions = top_level_definitions(cells)
    result = SourceFacts()
    pending, seen = list(names), set()
    while pending:
        name = pending.pop()
        if name in seen or name not in definitions:
            continue
        seen.add(name)
        result.functions.append(name)
        for node in ast.walk(definitions[name]):
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
                result.matmul_operator = True
            elif isinstance(node, ast.Name):
                (pending.append if node.id in definitions else result.names.add)(node.id)
            elif isinstance(node, ast.Attribute):
                result.names.add(node.attr)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                result.names.update(alias.name.split(".")[-1] for alias in node.names)
    return result
