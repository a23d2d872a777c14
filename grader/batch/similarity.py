"""Which submissions are so alike in the student's own part that an instructor may want to look.

Two students of a one-line fill-in who both write the correct line are not alike in any way that
means something, and a copy with renamed variables and new comments is still a copy. So what is
compared is each student's *part*, normalised:

- the part: the submission's top-level statements that are not in the exercise's stub (the stub
  of the student's own variant, rendered once per variant), imports left out;
- normalised: comments, docstrings, blank lines and layout dropped (Python's ``ast``), quoting
  made uniform (``ast.unparse``), and every name the student binds (variables, functions,
  arguments, loop targets…) renamed ``v1``, ``v2``… in order of first appearance. Attribute names,
  keyword names, imported names, builtins and the stub's own names are kept (``Dense``,
  ``compile``, ``optimizer=``), and so are literals;
- compared: ``difflib.SequenceMatcher`` ratio of the two token sequences (1.0: the same tokens).

A pair is reported, for review and never as a verdict, when all of these hold:

- its ratio is at least ``threshold`` (0.9);
- both parts are substantial: at least ``min_tokens`` tokens (40) and ``min_statements``
  statements (3). A one-line fill-in (``model.compile(...)``, about 20 tokens) never is;
- neither part is close (ratio ≥ ``threshold``) to the reference solution's own part for that
  student's variant: writing what the lesson's solution writes is expected, not evidence.

A submission that does not parse, or a roster student with nothing handed in, has no part and is
not compared. Cost: n parts give n(n-1)/2 pairs, but parts are sorted by length and a pair is only
scored when the length bound (``2·min/(a+b)``) and ``SequenceMatcher.quick_ratio`` (a multiset
bound, linear) both allow the threshold; the quadratic ``ratio()`` (about 1 ms for two parts of 120
tokens) runs only on the pairs left. A class of 500 mostly different parts takes a second or two; the
worst case, hundreds of long near-copies that are not the reference's, scores every pair (500
students in two clusters of near-copies: about 30 s on one core).

Runs in: the user's process (the `grader batch` command); imports no TensorFlow or Keras.
"""

from __future__ import annotations

import ast
import builtins
import io
import json
import tokenize
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Callable, Iterable

from grader.course.exercise import Exercise
from grader.course.render import CHECK_CELL, render_solution, render_text

THRESHOLD = 0.9
MIN_TOKENS = 40
MIN_STATEMENTS = 3


@dataclass(frozen=True)
class Part:
    """A student's own code, normalised: its tokens and how many statements they make."""

    tokens: tuple[str, ...]
    statements: int

    def substantial(self, min_tokens: int = MIN_TOKENS, min_statements: int = MIN_STATEMENTS) -> bool:
        return len(self.tokens) >= min_tokens and self.statements >= min_statements


@dataclass(frozen=True)
class SimilarPair:
    first: str
    second: str
    ratio: float


@dataclass(frozen=True)
class Similarity:
    """The outcome: the pairs found, each student's part (None: nothing to compare), and the
    students whose part is close to the reference solution's (left out as expected)."""

    pairs: tuple[SimilarPair, ...]
    parts: dict[str, Part | None]
    expected: frozenset[str]

    def similar_to(self, student: str) -> list[tuple[str, float]]:
        """The others found similar to ``student``, most similar first."""
        found = [(p.second if p.first == student else p.first, p.ratio) for p in self.pairs
                 if student in (p.first, p.second)]
        return sorted(found, key=lambda item: (-item[1], item[0]))

    def groups(self) -> list[tuple[str, ...]]:
        """Students linked by reported pairs (connected components), each sorted, largest first."""
        parent: dict[str, str] = {}

        def root(name: str) -> str:
            while parent.setdefault(name, name) != name:
                name = parent[name]
            return name

        for pair in self.pairs:
            parent[root(pair.first)] = root(pair.second)
        members: dict[str, list[str]] = {}
        for name in parent:
            members.setdefault(root(name), []).append(name)
        return sorted((tuple(sorted(group)) for group in members.values()), key=lambda g: (-len(g), g))


def student_part(code: str, stub: str) -> Part | None:
    """``code``'s statements that are not ``stub``'s, normalised; None when either does not parse."""
    tree, stub_tree = _parse(code), _parse(stub)
    if tree is None or stub_tree is None:
        return None
    given = {ast.dump(statement) for statement in stub_tree.body}
    own = [statement for statement in tree.body
           if ast.dump(statement) not in given and not isinstance(statement, (ast.Import, ast.ImportFrom))]
    own = [statement for statement in (_drop_docstrings(s) for s in own) if statement is not None]
    module = ast.Module(body=own, type_ignores=[])
    _Renamer(_bound_names(module)).visit(module)
    text = ast.unparse(module)
    statements = sum(isinstance(node, ast.stmt) for node in ast.walk(module))
    return Part(_tokens(text), statements)


def find_similar(parts: dict[str, Part | None], references: dict[str, Part | None], *,
                 threshold: float = THRESHOLD, min_tokens: int = MIN_TOKENS,
                 min_statements: int = MIN_STATEMENTS) -> Similarity:
    """Pairs of substantial parts at least ``threshold`` alike (``references``: each student's
    reference part, for their variant). See the module docstring for the rule."""
    expected = frozenset(student for student, part in parts.items()
                         if part is not None and references.get(student) is not None
                         and _ratio(part.tokens, references[student].tokens, threshold) >= threshold)
    candidates = sorted(((student, part) for student, part in parts.items()
                         if part is not None and student not in expected
                         and part.substantial(min_tokens, min_statements)),
                        key=lambda item: (len(item[1].tokens), item[0]))
    pairs = [SimilarPair(*sorted((a, b)), round(ratio, 3))
             for a, b, ratio in _close_pairs(candidates, threshold)]
    return Similarity(tuple(sorted(pairs, key=lambda p: (-p.ratio, p.first, p.second))), dict(parts), expected)


def analyse(sources: dict[str, str], stub_for: Callable[[str], str],
            reference_for: Callable[[str], str], variant_key: Callable[[str], str], **rules: float) -> Similarity:
    """``find_similar`` over each student's handed-in code (``sources``; "" for none), with the stub
    and the reference solution of the student's variant, each rendered once per ``variant_key``."""
    stubs: dict[str, str] = {}
    references: dict[str, Part | None] = {}
    parts: dict[str, Part | None] = {}
    for student, code in sources.items():
        key = variant_key(student)
        if key not in stubs:
            stubs[key] = stub_for(student)
            references[key] = student_part(reference_for(student), stubs[key])
        parts[student] = student_part(code, stubs[key]) if code.strip() else None
    per_student = {student: references[variant_key(student)] for student in sources}
    return find_similar(parts, per_student, **rules)  # type: ignore[arg-type]


def exercise_analysis(sources: dict[str, str], exercise: Exercise) -> Similarity:
    """``analyse`` with the exercise's stubs and reference solutions (``grader.course.render``)."""

    def key(student: str) -> str:
        return json.dumps(exercise.variant_for(student), sort_keys=True, default=str)

    def stub(student: str) -> str:  # the notebook's check cell is the stub's too
        return render_text(exercise, student) + "\n" + CHECK_CELL + "\n"

    return analyse(sources, stub, lambda s: render_solution(exercise, s), key)


def _close_pairs(candidates: list[tuple[str, Part]], threshold: float) -> Iterable[tuple[str, str, float]]:
    """(a, b, ratio) for candidate pairs at least ``threshold`` alike; ``candidates`` sorted by length."""
    for index, (first, part) in enumerate(candidates):
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(part.tokens)  # SequenceMatcher caches what it learns about seq2
        for second, other in candidates[index + 1:]:
            if 2 * len(part.tokens) / (len(part.tokens) + len(other.tokens)) < threshold:
                break  # sorted by length: every later part is longer still
            matcher.set_seq1(other.tokens)
            if matcher.quick_ratio() >= threshold and (ratio := matcher.ratio()) >= threshold:
                yield first, second, ratio


def _ratio(a: tuple[str, ...], b: tuple[str, ...], threshold: float) -> float:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.ratio() if matcher.quick_ratio() >= threshold else 0.0


def _parse(code: str) -> ast.Module | None:
    """The code's syntax tree; IPython magics and shell lines (``%pip``, ``!ls``) are read as comments."""
    lines = ["# " + line if line.lstrip().startswith(("%", "!")) else line for line in code.splitlines()]
    try:
        return ast.parse("\n".join(lines))
    except (SyntaxError, ValueError):
        return None


def _drop_docstrings(node: ast.stmt) -> ast.stmt | None:
    """``node`` without bare string statements (docstrings) in it; None if it is one."""
    if _is_docstring(node):
        return None
    for child in ast.walk(node):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(child, field, None)
            if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
                kept = [statement for statement in body if not _is_docstring(statement)]
                setattr(child, field, kept or [ast.Pass()])
    return node


def _is_docstring(node: ast.AST) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def _bound_names(tree: ast.AST) -> set[str]:
    """Names the code binds itself (not by import): assignment and loop targets, functions,
    classes, arguments, ``except … as``, ``with … as``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names - set(dir(builtins))


class _Renamer(ast.NodeTransformer):
    """Renames the bound names to v1, v2… in the order the walk first meets them."""

    def __init__(self, bound: set[str]) -> None:
        self.bound = bound
        self.names: dict[str, str] = {}

    def canonical(self, name: str) -> str:
        if name not in self.bound:
            return name
        return self.names.setdefault(name, f"v{len(self.names) + 1}")

    def visit_Name(self, node: ast.Name) -> ast.Name:
        node.id = self.canonical(node.id)
        return node

    def visit_arg(self, node: ast.arg) -> ast.arg:
        node.arg = self.canonical(node.arg)
        node.annotation = None
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.FunctionDef:
        node.name = self.canonical(node.name)
        return self.generic_visit(node)  # type: ignore[return-value]

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.ClassDef:
        node.name = self.canonical(node.name)
        return self.generic_visit(node)  # type: ignore[return-value]

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> ast.ExceptHandler:
        if node.name:
            node.name = self.canonical(node.name)
        return self.generic_visit(node)  # type: ignore[return-value]


def _tokens(text: str) -> tuple[str, ...]:
    """Python tokens of ``text`` (layout kept as NEWLINE/INDENT/DEDENT markers)."""
    skip = {tokenize.NL, tokenize.COMMENT, tokenize.ENDMARKER}
    marker = {tokenize.NEWLINE: "⏎", tokenize.INDENT: "→", tokenize.DEDENT: "←"}
    return tuple(marker.get(tok.type, tok.string)
                 for tok in tokenize.generate_tokens(io.StringIO(text).readline) if tok.type not in skip)
