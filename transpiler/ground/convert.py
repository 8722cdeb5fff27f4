"""ast <-> gast, node for node as gast 0.7 converts them on Python 3.10 and 3.11, without its
NodeTransformer machinery (a method lookup by name, three calls and a dict per node): a
converter per class, found once. Parsing converts the whole module, printing every
generated statement; gast's own conversion was a tenth of a conversion's time.

Each converter does what gast's `visit_<Class>` (or its `generic_visit`) does, in the
same order, so the trees are the same, attributes and field order included. Other Python
versions (whose rules gast changes) use gast's own functions.
"""
from __future__ import annotations

import ast
import sys
from typing import Callable, Dict

import gast

AST = ast.AST
SUPPORTED = (3, 10) <= sys.version_info[:2] < (3, 12)


_MISSING = object()


def _value(value, table):
    if isinstance(value, AST):
        return (table.get(value.__class__) or _converter(value.__class__, table))(value)
    if isinstance(value, list):
        return [(table.get(v.__class__) or _converter(v.__class__, table))(v) if isinstance(v, AST)
                else _value(v, table) for v in value]
    return value


def _converter(cls, table) -> Callable:
    conv = table.get(cls)
    if conv is None:
        conv = table[cls] = _generic(cls, table)
    return conv


def _generic(cls, table) -> Callable:
    """gast's `generic_visit`: the same-named class of the other module, every field the node
    has converted, then its location attributes (None when the other module has no such class)."""
    target = getattr(table["module"], cls.__name__, None)

    def convert(node):
        if target is None:
            return None
        fields = {}
        for f in node._fields:
            value = getattr(node, f, _MISSING)  # hasattr, then getattr
            if value is _MISSING:
                continue
            if isinstance(value, AST):
                value = (table.get(value.__class__) or _converter(value.__class__, table))(value)
            elif isinstance(value, list):
                value = _value(value, table)
            fields[f] = value
        if plain:  # what gast's constructor does with keywords, without the call
            new = target.__new__(target)
            own = new.__dict__
            own.update(fields)
            for attr in node._attributes:
                value = getattr(node, attr, _MISSING)
                if value is not _MISSING:
                    own[attr] = value
            return new
        new = target(**fields)
        for attr in node._attributes:
            try:
                setattr(new, attr, getattr(node, attr))
            except AttributeError:
                pass
        return new
    plain = target is not None and table["module"] is gast and target.__init__.__name__ == "create_node"
    return convert


# -- ast -> gast (gast.ast3.Ast3ToGAst) ------------------------------------------------------

def _gast_name(node):
    new = gast.Name(node.id, _value(node.ctx, _TO_GAST), None, None)
    return ast.copy_location(new, node)


def _gast_arg(node):
    new = gast.Name(node.arg, gast.Param(), _value(node.annotation, _TO_GAST), _value(node.type_comment, _TO_GAST))
    return ast.copy_location(new, node)


def _gast_handler(node):
    if not node.name:
        return _generic_to_gast_handler(node)
    new = gast.ExceptHandler(_value(node.type, _TO_GAST), gast.Name(node.name, gast.Store(), None, None),
                             _value(node.body, _TO_GAST))
    return ast.copy_location(new, node)


def _gast_def(cls):
    def convert(node):
        v = _TO_GAST
        new = cls(_value(node.name, v), _value(node.args, v), _value(node.body, v),
                  _value(node.decorator_list, v), _value(node.returns, v), _value(node.type_comment, v), [])
        return gast.copy_location(new, node)
    return convert


def _gast_class(node):
    v = _TO_GAST
    new = gast.ClassDef(_value(node.name, v), _value(node.bases, v), _value(node.keywords, v),
                        _value(node.body, v), _value(node.decorator_list, v), [])
    return gast.copy_location(new, node)


_TO_GAST: Dict = {"module": gast}
_generic_to_gast_handler = _generic(ast.ExceptHandler, _TO_GAST)
_TO_GAST.update({ast.Name: _gast_name, ast.arg: _gast_arg, ast.ExceptHandler: _gast_handler,
                 ast.FunctionDef: _gast_def(gast.FunctionDef), ast.AsyncFunctionDef: _gast_def(gast.AsyncFunctionDef),
                 ast.ClassDef: _gast_class})


# -- gast -> ast (gast.ast3.GAstToAst3) ------------------------------------------------------

def _ast_assign(node):
    new = ast.Assign(_value(node.targets, _TO_AST), _value(node.value, _TO_AST))
    return ast.copy_location(new, node)


def _make_arg(node):
    if node is None:
        return None
    new = ast.arg(_value(node.id, _TO_AST), _value(node.annotation, _TO_AST), _value(node.type_comment, _TO_AST))
    return ast.copy_location(new, node)


def _ast_name(node):
    new = ast.Name(_value(node.id, _TO_AST), _value(node.ctx, _TO_AST))
    return ast.copy_location(new, node)


def _ast_handler(node):
    if not node.name:
        return _generic_to_ast_handler(node)
    new = ast.ExceptHandler(_value(node.type, _TO_AST), node.name.id, _value(node.body, _TO_AST))
    return ast.copy_location(new, node)


def _ast_class(node):
    v = _TO_AST
    new = ast.ClassDef(_value(node.name, v), _value(node.bases, v), _value(node.keywords, v),
                       _value(node.body, v), _value(node.decorator_list, v))
    return ast.copy_location(new, node)


def _ast_def(cls):
    def convert(node):
        v = _TO_AST
        new = cls(_value(node.name, v), _value(node.args, v), _value(node.body, v),
                  _value(node.decorator_list, v), _value(node.returns, v), _value(node.type_comment, v))
        return ast.copy_location(new, node)
    return convert


def _ast_arguments(node):
    rest = [_make_arg(node.vararg), [_make_arg(n) for n in node.kwonlyargs], _value(node.kw_defaults, _TO_AST),
            _make_arg(node.kwarg), _value(node.defaults, _TO_AST)]
    return ast.arguments([_make_arg(a) for a in node.posonlyargs], [_make_arg(n) for n in node.args], *rest)


_TO_AST: Dict = {"module": ast}
_generic_to_ast_handler = _generic(gast.ExceptHandler, _TO_AST)
_TO_AST.update({gast.Assign: _ast_assign, gast.Name: _ast_name, gast.ExceptHandler: _ast_handler,
                gast.ClassDef: _ast_class, gast.FunctionDef: _ast_def(ast.FunctionDef),
                gast.AsyncFunctionDef: _ast_def(ast.AsyncFunctionDef), gast.arguments: _ast_arguments})


def ast_to_gast(node):
    """`gast.ast_to_gast(node)`."""
    return _value(node, _TO_GAST) if SUPPORTED else gast.ast_to_gast(node)


def gast_to_ast(node):
    """`gast.gast_to_ast(node)`."""
    return _value(node, _TO_AST) if SUPPORTED else gast.gast_to_ast(node)
