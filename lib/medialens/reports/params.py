"""Notebook parameters: read the typed ``parameters`` cell, coerce and validate user values.

A notebook's first code cell tagged ``parameters`` declares one parameter per line::

    freq: str = "M"  # period length: "W" (weeks) or "M" (months)

It is parsed with :mod:`ast` (never executed), so listing or validating parameters runs no
notebook code. User values (CLI strings, a YAML file or a Python dict) are checked against
those declarations BEFORE any notebook runs: papermill itself only warns about unknown names.

>>> cell = 'freq: str = "M"  # period length\\nsources: list[str] | None = None  # outlets'
>>> [(p.name, p.type.label, p.default, p.comment) for p in parse_parameters_cell(cell)]
[('freq', 'str', 'M', 'period length'), ('sources', 'list[str] | None', None, 'outlets')]
>>> spec = NotebookSpec("00_overview", Path("00_overview.ipynb"), parse_parameters_cell(cell))
>>> resolve_parameters([spec], {"sources": "BBC,Reuters"}, from_text=True)
{'00_overview': {'sources': ['BBC', 'Reuters']}}
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import json
import tokenize
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from ..errors import ParameterError, ReportError

Base = Literal["str", "int", "float", "bool", "list[str]", "list[int]", "list[float]"]

#: Parameters the runner sets itself; users choose them another way (the CORPUS argument).
RUNNER_PARAMETERS = frozenset({"corpus"})

_SCALARS = {"str": str, "int": int, "float": float, "bool": bool}
_TRUE = {"true", "yes", "y", "on", "1"}
_FALSE = {"false", "no", "n", "off", "0"}
_NONE = {"none", "null", "~", ""}


@dataclass(frozen=True)
class ParamType:
    """A supported parameter type: a base type, optionally ``| None``, maybe an ISO date."""

    base: Base
    optional: bool = False
    is_date: bool = False

    @property
    def label(self) -> str:
        return self.base + (" | None" if self.optional else "")

    def describe(self) -> str:
        return self.label + (" (ISO date, e.g. 2024-01-31)" if self.is_date else "")


@dataclass(frozen=True)
class Parameter:
    """One declared notebook parameter."""

    name: str
    type: ParamType
    default: Any
    comment: str = ""
    annotated: bool = True


@dataclass(frozen=True)
class NotebookSpec:
    """A notebook and the parameters its ``parameters`` cell declares."""

    name: str
    path: Path
    parameters: list[Parameter] = field(default_factory=list)
    has_parameters_cell: bool = True

    def by_name(self) -> dict[str, Parameter]:
        return {p.name: p for p in self.parameters}

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.parameters}


# --------------------------------------------------------------------------- parsing


def _is_date_name(name: str) -> bool:
    # Naming convention instead of a new annotation: notebooks stay plain Python that any
    # reader (and papermill) understands, and ``date_from: str | None`` reads naturally.
    return name.startswith("date_") or name.endswith("_date")


def _parse_annotation(node: ast.expr, *, where: str) -> tuple[Base, bool]:
    """Map an annotation AST to ``(base, optional)``; anything else is an authoring error."""
    # X | None  /  None | X
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        sides = [node.left, node.right]
        nones = [s for s in sides if isinstance(s, ast.Constant) and s.value is None]
        if len(nones) == 1:
            other = next(s for s in sides if s is not nones[0])
            base, _ = _parse_annotation(other, where=where)
            return base, True
    # Optional[X]
    if (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name | ast.Attribute)
            and _dotted(node.value).split(".")[-1] == "Optional"):
        base, _ = _parse_annotation(node.slice, where=where)
        return base, True
    if isinstance(node, ast.Name) and node.id in _SCALARS:
        return node.id, False  # type: ignore[return-value]
    if (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name | ast.Attribute)
            and _dotted(node.value).split(".")[-1] in ("list", "List")
            and isinstance(node.slice, ast.Name) and node.slice.id in ("str", "int", "float")):
        return f"list[{node.slice.id}]", False  # type: ignore[return-value]
    raise ReportError(
        f"{where}: unsupported parameter type {ast.unparse(node)!r}; use str, int, float, bool, "
        "list[str], list[int], list[float], optionally '| None'"
    )


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return _dotted(node.value) + "." + node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _infer_base(value: Any, *, where: str) -> tuple[Base, bool]:
    if value is None:
        return "str", True
    for name, typ in (("bool", bool), ("int", int), ("float", float), ("str", str)):
        if type(value) is typ:
            return name, False  # type: ignore[return-value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "list[str]", False
    raise ReportError(f"{where}: cannot infer a type from default {value!r}; annotate it")


def _comments_by_line(source: str) -> dict[int, str]:
    comments: dict[int, str] = {}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.COMMENT:
                comments[tok.start[0]] = tok.string.lstrip("#").strip()
    except (tokenize.TokenError, IndentationError):  # the ast parse reports the real error
        pass
    return comments


def parse_parameters_cell(source: str, *, where: str = "parameters cell") -> list[Parameter]:
    """Parse the source of a ``parameters`` cell into :class:`Parameter` declarations.

    Every statement must be a (preferably annotated) assignment of a literal to one name.

    >>> [p.type.describe() for p in parse_parameters_cell("date_from: str | None = None")]
    ['str | None (ISO date, e.g. 2024-01-31)']
    """
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ReportError(f"{where}: line {exc.lineno}: {exc.msg}") from None
    comments = _comments_by_line(source)
    params: list[Parameter] = []
    for stmt in tree.body:
        here = f"{where}, line {stmt.lineno}"
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            name, value_node, annotated = stmt.target.id, stmt.value, True
            if value_node is None:
                raise ReportError(f"{here}: parameter {name!r} has no default value")
        elif (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
              and isinstance(stmt.targets[0], ast.Name)):
            name, value_node, annotated = stmt.targets[0].id, stmt.value, False
        else:
            raise ReportError(f"{here}: only 'name: type = value  # comment' lines are allowed")
        try:
            default = ast.literal_eval(value_node)
        except ValueError:
            raise ReportError(
                f"{here}: default of {name!r} must be a literal, not {ast.unparse(value_node)!r}"
            ) from None
        if annotated:
            base, optional = _parse_annotation(stmt.annotation, where=here)  # type: ignore[union-attr]
        else:
            base, optional = _infer_base(default, where=here)
        ptype = ParamType(base, optional, is_date=_is_date_name(name) and base == "str")
        comment = comments.get(stmt.end_lineno or stmt.lineno, comments.get(stmt.lineno, ""))
        param = Parameter(name, ptype, default, comment, annotated)
        if default is not None or not optional:
            try:
                _check_value(param, default, where=f"{here}: default of {name!r}")
            except ParameterError as exc:  # the notebook's fault, not the user's
                raise ReportError(str(exc)) from None
        params.append(param)
    return params


def read_notebook_spec(path: str | Path) -> NotebookSpec:
    """Read a notebook's parameters cell (plain JSON read: importing nbformat costs ~1.5 s)."""
    path = Path(path)
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReportError(f"{path}: cannot read notebook: {exc}") from None
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get(
                "tags", []):
            src = cell.get("source", "")
            src = "".join(src) if isinstance(src, list) else src
            return NotebookSpec(path.stem, path, parse_parameters_cell(
                src, where=f"{path.name} parameters cell"))
    return NotebookSpec(path.stem, path, [], has_parameters_cell=False)


# --------------------------------------------------------------------------- coercion


def _check_value(param: Parameter, value: Any, *, where: str) -> Any:
    """Return ``value`` if it fits ``param.type`` (ints accepted for floats), else raise."""
    t = param.type
    if value is None:
        if t.optional:
            return None
        raise ParameterError(f"{where}: None is not allowed (type {t.label})")
    if t.base.startswith("list["):
        item = _SCALARS[t.base[5:-1]]
        if isinstance(value, tuple):
            value = list(value)
        if not isinstance(value, list):
            raise ParameterError(f"{where}: expected {t.label}, got {value!r}")
        return [_check_scalar(item, v, t.label, where=where) for v in value]
    value = _check_scalar(_SCALARS[t.base], value, t.label, where=where)
    if t.is_date:
        value = _iso_date(value, where=where)
    return value


def _check_scalar(typ: type, value: Any, label: str, *, where: str) -> Any:
    if typ is float and type(value) is int:
        return float(value)
    if typ is str and isinstance(value, dt.date):  # YAML turns 2024-01-31 into a date
        return value.isoformat()
    # bool is an int subclass: True must not pass as int=1
    if type(value) is not typ:
        raise ParameterError(f"{where}: expected {label}, got {value!r} ({type(value).__name__})")
    return value


def _iso_date(value: str, *, where: str) -> str:
    try:
        if len(value) == 10:
            dt.date.fromisoformat(value)
        else:
            dt.datetime.fromisoformat(value)
    except ValueError:
        raise ParameterError(
            f"{where}: {value!r} is not an ISO date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
        ) from None
    return value


def _from_text(param: Parameter, text: str, *, where: str) -> Any:
    """Coerce a command-line string by the declared type."""
    t = param.type
    s = text.strip()
    if t.optional and s.lower() in _NONE:
        return None
    try:
        if t.base == "str":
            return text
        if t.base == "int":
            return int(s)
        if t.base == "float":
            return float(s)
        if t.base == "bool":
            if s.lower() in _TRUE:
                return True
            if s.lower() in _FALSE:
                return False
            raise ValueError(s)
        # lists: a YAML/JSON list ("[a, b]") or comma-separated ("a,b")
        items = yaml.safe_load(s) if s.startswith("[") else [x.strip() for x in s.split(",")
                                                               if x.strip()]
        if not isinstance(items, list):
            raise ValueError(s)
        item = t.base[5:-1]
        return [str(v) if item == "str" else _SCALARS[item](v) for v in items]
    except (ValueError, TypeError, yaml.YAMLError):
        raise ParameterError(f"{where}: cannot read {text!r} as {t.label}") from None


# --------------------------------------------------------------------------- cross-checks


def _check_freq(values: Mapping[str, Any]) -> str | None:
    from ..timeseries import normalise_freq  # light module; imported lazily like the rest

    try:
        normalise_freq(values["freq"])
    except ParameterError as exc:
        return str(exc)
    return None


def _check_date_range(values: Mapping[str, Any]) -> str | None:
    lo, hi = values["date_from"], values["date_to"]
    if lo is not None and hi is not None and _as_dt(lo) > _as_dt(hi):
        return f"date_from={lo!r} is after date_to={hi!r}"
    return None


def _as_dt(value: str) -> dt.datetime:
    d = dt.datetime.fromisoformat(value)
    return d.replace(tzinfo=None) if d.tzinfo is None else d.astimezone(dt.timezone.utc).replace(
        tzinfo=None)


def _check_min_docs(values: Mapping[str, Any]) -> str | None:
    n = values["min_docs"]
    return None if n >= 1 else f"min_docs={n!r} must be at least 1"


def _check_engine(values: Mapping[str, Any]) -> str | None:
    """How the analysis notebooks process documents (medialens.engine)."""
    from ..engine import ENGINES

    if values["engine"] not in ENGINES:
        return str(ParameterError.invalid_choice("engine", values["engine"], ENGINES))
    workers = values.get("workers")
    if workers is not None and workers < 1:
        return f"workers={workers!r} must be at least 1 (or None: all cores)"
    if values.get("scheduler") and values["engine"] != "dask":
        return f"scheduler={values['scheduler']!r} needs engine='dask'"
    return None


def _check_sentiment(values: Mapping[str, Any]) -> str | None:
    """The sentiment notebook's scorer and target (keyed on both names: only it has them)."""
    from ..sentiment import METHODS, parse_target

    if values["method"] not in METHODS:
        return str(ParameterError.invalid_choice("method", values["method"], METHODS))
    try:
        parse_target(values["target"])
    except ParameterError as exc:
        return str(exc)
    return None


def _check_readability(values: Mapping[str, Any]) -> str | None:
    """The readability notebook's formulas and language (its own check, before any work)."""
    from ..readability import check_options

    try:
        check_options(measures=values["measures"], lang=values["lang"],
                      **({"variant": values["variant"]} if "variant" in values else {}))
    except ParameterError as exc:
        return str(exc)
    return None


def _check_polls(values: Mapping[str, Any]) -> str | None:
    """The poll notebook's confidence floor and tracker panels (checked by the library's own
    validators, so a report run and a notebook call refuse the same values)."""
    from ..plotting.polls import check_tracker_options
    from ..polls import check_min_confidence

    try:
        if "min_confidence" in values:
            check_min_confidence(values["min_confidence"])
        check_tracker_options(**{k: values[k] for k in ("max_panels", "max_gap_days") if k in values})
    except ParameterError as exc:
        return str(exc)
    return None


def _check_names(values: Mapping[str, Any]) -> str | None:
    for name in ("group_by", "source_name"):
        if name in values and values[name] is not None and not str(values[name]).strip():
            return f"{name}={values[name]!r} must be a non-empty name"
    return None


#: One registry of checks on combinations of parameters: (names needed, check). A check returns
#: a message when the combination is impossible. Runs on each notebook's effective values.
CHECKS: list[tuple[frozenset[str], Callable[[Mapping[str, Any]], str | None]]] = [
    (frozenset({"freq"}), _check_freq),
    (frozenset({"date_from", "date_to"}), _check_date_range),
    (frozenset({"min_docs"}), _check_min_docs),
    (frozenset({"method", "target"}), _check_sentiment),
    (frozenset({"engine"}), _check_engine),
    (frozenset({"measures", "lang"}), _check_readability),
    (frozenset({"min_confidence", "max_panels", "max_gap_days"}), _check_polls),
    (frozenset({"group_by"}), _check_names),
    (frozenset({"source_name"}), _check_names),
]


# --------------------------------------------------------------------------- resolution


def valid_parameters_text(specs: Sequence[NotebookSpec]) -> str:
    lines = []
    for spec in specs:
        names = [p.name for p in spec.parameters if p.name not in RUNNER_PARAMETERS]
        lines.append(f"  {spec.name}: {', '.join(names) if names else '(none)'}")
    return "valid parameters per notebook:\n" + "\n".join(lines)


def resolve_parameters(
    specs: Sequence[NotebookSpec],
    user: Mapping[str, Any],
    *,
    from_text: bool | Iterable[str] = False,
) -> dict[str, dict[str, Any]]:
    """Validate ``user`` parameters against every notebook; return the values per notebook.

    ``from_text`` says which values are command-line strings to coerce by their declared type
    (``True`` for all). A parameter only some notebooks declare is passed only to those. All
    problems are collected into ONE :class:`ParameterError` listing the valid parameters.
    """
    text_keys = set(user) if from_text is True else set(from_text or ())
    problems: list[str] = []
    for name in user:
        if name in RUNNER_PARAMETERS:
            problems.append(f"{name!r} is set by the runner: pass the corpus as the CORPUS "
                            "argument (run_report(corpus=...)), not as a parameter")
        elif not any(name in spec.by_name() for spec in specs):
            problems.append(f"unknown parameter {name!r}")
    out: dict[str, dict[str, Any]] = {}
    for spec in specs:
        declared = spec.by_name()
        given: dict[str, Any] = {}
        for name, value in user.items():
            if name not in declared or name in RUNNER_PARAMETERS:
                continue
            where = name  # (the same value in every notebook: one message, not one per notebook)
            try:
                if name in text_keys and isinstance(value, str):
                    value = _from_text(declared[name], value, where=where)
                given[name] = _check_value(declared[name], value, where=where)
            except ParameterError as exc:
                if str(exc) not in problems:
                    problems.append(str(exc))
        effective = {**spec.defaults(), **given}
        for needs, check in CHECKS:
            if needs <= effective.keys() and all(n in declared for n in needs):
                try:
                    msg = check(effective)
                except (ValueError, TypeError) as exc:  # values already failed a type check
                    msg = None if problems else str(exc)
                if msg and msg not in problems:
                    problems.append(msg)
        out[spec.name] = given
    if problems:
        head = problems[0] if len(problems) == 1 else (
            f"{len(problems)} problems with the parameters:\n"
            + "\n".join(f"  - {p}" for p in problems))
        raise ParameterError(head + "\n" + valid_parameters_text(specs))
    return out


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """``["freq=W", "sources=BBC,Reuters"]`` -> ``{"freq": "W", "sources": "BBC,Reuters"}``.

    >>> parse_assignments(["freq=W", "note=a=b"])
    {'freq': 'W', 'note': 'a=b'}
    """
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"-p {item!r}: expected KEY=VALUE")
        out[key.strip()] = value
    return out


def load_params_file(path: str | Path) -> dict[str, Any]:
    """Read a YAML (or JSON) mapping of parameter values."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ParameterError(f"--params {path}: cannot read: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise ParameterError(f"--params {path}: not valid YAML: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise ParameterError(f"--params {path}: expected a mapping of name: value")
    return data


def format_spec(spec: NotebookSpec) -> str:
    """Human-readable parameter listing for ``medialens report --list``."""
    if not spec.has_parameters_cell:
        return f"{spec.name}\n  (no cell tagged 'parameters')"
    rows = [(p.name, p.type.describe(), repr(p.default), p.comment) for p in spec.parameters]
    if not rows:
        return f"{spec.name}\n  (no parameters)"
    w = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{spec.name}"]
    for name, typ, default, comment in rows:
        note = "  (given as the CORPUS argument)" if name in RUNNER_PARAMETERS else ""
        lines.append(f"  {name:<{w[0]}}  {typ:<{w[1]}}  = {default:<{w[2]}}  # {comment}{note}"
                     .rstrip())
    return "\n".join(lines)


__all__ = [
    "CHECKS",
    "RUNNER_PARAMETERS",
    "NotebookSpec",
    "ParamType",
    "Parameter",
    "format_spec",
    "load_params_file",
    "parse_assignments",
    "parse_parameters_cell",
    "read_notebook_spec",
    "resolve_parameters",
    "valid_parameters_text",
]
