"""The rumus language: an indicator's formula over element codes, e.g. ``E03 / E02 * 100``.

Grammar (case-insensitive; element codes start with a letter)::

    expr    := term (("+" | "-") term)*
    term    := unary (("*" | "/") unary)*
    unary   := "-" unary | primary
    primary := NUMBER | CODE | FUNC "(" expr ("," expr)* ")" | "(" expr ")"
    FUNC    := MIN | MAX | SUM | ABS

A rumus is parsed once into a tree (no ``eval``). From the tree we compute the
value in Python (:meth:`Expr.evaluate`) and render the same computation as an
Excel formula over cell references (:meth:`Expr.to_excel`). Both agree on the
edge cases: any blank input, or a division by zero anywhere, gives "no value"
(``None`` in Python, ``""`` in Excel) — never an error value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from kinerja_xl.errors import RumusError
from kinerja_xl.frozen import quick_to_unpickle

FUNCTIONS = {"MIN": (1, None), "MAX": (1, None), "SUM": (1, None), "ABS": (1, 1)}
CODE_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z][A-Za-z0-9_]*)|(?P<op>[-+*/(),]))"
)


class _DivZero(Exception):
    """Internal: a division by zero (becomes "no value")."""


# --- the tree ---------------------------------------------------------------


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class Num:
    value: float


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class Ref:
    code: str


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class Neg:
    operand: Node


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class BinOp:
    op: str
    left: Node
    right: Node


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Node, ...]


Node = Num | Ref | Neg | BinOp | Call


def _number_text(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value).upper()


def _eval(node: Node, values: Mapping[str, float]) -> float:
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Ref):
        return values[node.code]
    if isinstance(node, Neg):
        return -_eval(node.operand, values)
    if isinstance(node, BinOp):
        a, b = _eval(node.left, values), _eval(node.right, values)
        if node.op == "+":
            return a + b
        if node.op == "-":
            return a - b
        if node.op == "*":
            return a * b
        if b == 0:
            raise _DivZero
        return a / b
    args = [_eval(a, values) for a in node.args]
    if node.name == "MIN":
        return min(args)
    if node.name == "MAX":
        return max(args)
    if node.name == "SUM":
        return sum(args)  # left to right, as a spreadsheet adds
    return abs(args[0])


def _render(node: Node, ref: Callable[[str], str], top: bool = False) -> str:
    if isinstance(node, Num):
        return _number_text(node.value)
    if isinstance(node, Ref):
        return ref(node.code)
    if isinstance(node, Neg):
        return f"-{_render(node.operand, ref)}"
    if isinstance(node, BinOp):
        text = f"{_render(node.left, ref)}{node.op}{_render(node.right, ref)}"
        return text if top else f"({text})"
    return f"{node.name}({','.join(_render(a, ref, top=True) for a in node.args)})"


def _source(node: Node, top: bool = True) -> str:
    if isinstance(node, Num):
        return _number_text(node.value)
    if isinstance(node, Ref):
        return node.code
    if isinstance(node, Neg):
        return f"-{_source(node.operand, False)}"
    if isinstance(node, BinOp):
        text = f"{_source(node.left, False)} {node.op} {_source(node.right, False)}"
        return text if top else f"({text})"
    return f"{node.name}({', '.join(_source(a) for a in node.args)})"


@quick_to_unpickle
@dataclass(frozen=True, slots=True)
class Expr:
    """A parsed rumus."""

    source: str
    root: Node
    #: The distinct element codes it uses, in order of first appearance (computed once).
    elements: tuple[str, ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        seen: dict[str, None] = {}

        def walk(node: Node) -> None:
            if isinstance(node, Ref):
                seen.setdefault(node.code, None)
            elif isinstance(node, Neg):
                walk(node.operand)
            elif isinstance(node, BinOp):
                walk(node.left)
                walk(node.right)
            elif isinstance(node, Call):
                for a in node.args:
                    walk(a)

        walk(self.root)
        object.__setattr__(self, "elements", tuple(seen))

    def evaluate(self, values: Mapping[str, float | None]) -> float | None:
        """The value, or ``None`` when an input is blank/missing or a division is by zero."""
        inputs: dict[str, float] = {}
        for code in self.elements:
            v = values.get(code)
            if v is None or isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                return None
            inputs[code] = float(v)
        try:
            result = _eval(self.root, inputs)
        except (_DivZero, OverflowError):
            return None
        return result if math.isfinite(result) else None

    def to_excel(self, ref: Callable[[str], str]) -> str:
        """An Excel formula (with ``=``) computing the same value over the cells ``ref(code)``.

        Blank (non-numeric) inputs and division by zero give ``""``.
        """
        body = _render(self.root, ref, top=True)
        guarded = f'IFERROR({body},"")'
        codes = self.elements
        if not codes:
            return f"={guarded}"
        refs = ",".join(ref(c) for c in codes)
        return f'=IF(COUNT({refs})<{len(codes)},"",{guarded})'

    @property
    def canonical(self) -> str:
        """The rumus re-written in canonical form (upper-case codes, single spaces)."""
        return _source(self.root)

    def coverage_parts(self) -> tuple[str, str] | None:
        """``(numerator, denominator)`` codes when the rumus is a coverage ``A / B * 100``."""
        r = self.root
        if isinstance(r, BinOp) and r.op == "*" and isinstance(r.right, Num) and r.right.value == 100:
            r = r.left
        elif isinstance(r, BinOp) and r.op == "*" and isinstance(r.left, Num) and r.left.value == 100:
            r = r.right
        elif (
            isinstance(r, BinOp) and r.op == "/" and isinstance(r.left, BinOp) and r.left.op == "*"
            and isinstance(r.left.right, Num) and r.left.right.value == 100
        ):
            r = BinOp("/", r.left.left, r.right)
        elif (
            isinstance(r, BinOp) and r.op == "/" and isinstance(r.left, BinOp) and r.left.op == "*"
            and isinstance(r.left.left, Num) and r.left.left.value == 100
        ):
            r = BinOp("/", r.left.right, r.right)  # 100 * A / B
        else:
            return None
        if isinstance(r, BinOp) and r.op == "/" and isinstance(r.left, Ref) and isinstance(r.right, Ref):
            return (r.left.code, r.right.code)
        return None


# --- the parser --------------------------------------------------------------


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens: list[tuple[str, str, int]] = []
        pos = 0
        stripped = text.rstrip()
        while pos < len(stripped):
            m = _TOKEN.match(stripped, pos)
            if not m or m.end() == pos:
                bad = stripped[pos:].lstrip()[:1]
                where = len(stripped) - len(stripped[pos:].lstrip())
                raise RumusError(f"karakter '{bad}' tidak dikenal pada posisi {where + 1}", where)
            kind = m.lastgroup or ""
            self.tokens.append((kind, m.group(kind), m.start(kind)))
            pos = m.end()
        self.i = 0

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str, int]:
        tok = self.peek()
        if tok is None:
            raise RumusError("rumus berakhir terlalu cepat (kurang angka, kode, atau tanda kurung tutup)",
                             len(self.text))
        self.i += 1
        return tok

    def expect(self, op: str) -> None:
        tok = self.take()
        if tok[1] != op:
            raise RumusError(f"diharapkan '{op}' pada posisi {tok[2] + 1}, ditemukan '{tok[1]}'", tok[2])

    def parse(self) -> Node:
        if not self.tokens:
            raise RumusError("rumus kosong", 0)
        node = self.expr()
        tok = self.peek()
        if tok is not None:
            raise RumusError(f"'{tok[1]}' tidak diharapkan pada posisi {tok[2] + 1}", tok[2])
        return node

    def expr(self) -> Node:
        node = self.term()
        while (tok := self.peek()) is not None and tok[1] in "+-" and tok[0] == "op":
            self.take()
            node = BinOp(tok[1], node, self.term())
        return node

    def term(self) -> Node:
        node = self.unary()
        while (tok := self.peek()) is not None and tok[1] in "*/" and tok[0] == "op":
            self.take()
            node = BinOp(tok[1], node, self.unary())
        return node

    def unary(self) -> Node:
        tok = self.peek()
        if tok is not None and tok[1] == "-":
            self.take()
            return Neg(self.unary())
        if tok is not None and tok[1] == "+":
            self.take()
            return self.unary()
        return self.primary()

    def primary(self) -> Node:
        kind, text, pos = self.take()
        if kind == "num":
            return Num(float(text))
        if kind == "name":
            name = text.upper()
            nxt = self.peek()
            if nxt is not None and nxt[1] == "(":
                if name not in FUNCTIONS:
                    known = ", ".join(FUNCTIONS)
                    raise RumusError(f"fungsi '{text}' tidak dikenal (yang tersedia: {known})", pos)
                self.take()
                args = [self.expr()]
                while (t := self.peek()) is not None and t[1] == ",":
                    self.take()
                    args.append(self.expr())
                self.expect(")")
                lo, hi = FUNCTIONS[name]
                if len(args) < lo or (hi is not None and len(args) > hi):
                    raise RumusError(f"fungsi {name} menerima {hi} argumen, bukan {len(args)}", pos)
                return Call(name, tuple(args))
            return Ref(name)
        if text == "(":
            node = self.expr()
            self.expect(")")
            return node
        raise RumusError(f"'{text}' tidak diharapkan pada posisi {pos + 1}", pos)


def parse(text: str) -> Expr:
    """Parse a rumus; raise :class:`RumusError` (with a position) when it does not parse."""
    if not isinstance(text, str):
        text = str(text)
    root = _Parser(text).parse()
    return Expr(source=text.strip(), root=root)
