"""The one keyed store for what passes attach to gast nodes (like AutoGraph's `anno`).

Every annotation is an `Anno` key, read with `get` and written with `put`; no pass sets
an attribute of its own. Values are plain data; `syntax.copy_tree` copies them with the
nodes, so a lowered copy carries the analysis' annotations without changing the original.
"""
from __future__ import annotations

import enum


class Anno(str, enum.Enum):
    # analysis -> lowering, explain
    DECISION = "agx_decision"            # Decision on If/While/For/IfExp/BoolOp/not/Assert
    KIND = "agx_kind"                    # Kind of an expression, as the analysis found it
    MAYBE_PYTHON = "agx_maybe_python"    # a condition that may be a Python bool while tracing
    EITHER = "agx_either"                # an expression the analysis found may be a Tensor or a Python value
    PYTHON_FIRST = "agx_python_first"    # BoolOp whose first operand may be a Python value
    PRINT_TENSOR = "agx_print_tensor"    # print(...) with an argument that is (or may be) a Tensor
    SUMMARY = "agx_summary"              # activity Summary cache (analysis/activity.py owns it)
    # lowering bookkeeping
    COMMENT = "agx_comment"              # comment lines to print above a statement
    LINE_TEXT = "agx_line_text"          # the source text a generated statement's comment quotes
    BOOLEAN = "agx_boolean"              # an expression known to be a boolean Tensor
    FLAG = "agx_flag"                    # a generated break/return flag assignment
    FLAGS = "agx_flags"                  # flags a restructured loop carries
    FROM_FOR = "agx_from_for"            # a while loop that a for loop became
    FOR_ITEMS = "agx_for_items"          # (iterable, element name) of a dispatched for (for_loop)
    GENERATED = "agx_generated"          # a generated branch/loop function
    LOOP_FUNCTION = "agx_loop_function"  # a generated loop_cond/loop_body
    RETURNS_OP = "agx_returns_op"        # a generated function that returns an op (tf.group)
    STATEFUL = "agx_stateful"            # a statement the ordering pass found stateful
    TENSOR_COMPARE = "agx_tensor_compare"  # `==`/`!=` on a Tensor (tf1 writes tf.equal)
    TENSOR_EQUAL = "agx_tensor_equal"    # a tf.equal/tf.not_equal the tf1 rewrite wrote
    DEF = "agx_def"                      # the generated def a name refers to (ordering)
    TOP = "agx_top"                      # the function being ordered (not a generated one)
    REPORTED = "agx_reported"            # a jump already refused with a diagnostic
    CALL_READS = "agx_call_reads"        # a call of a local closure: the names it reads when it runs
    PYTHON_BREAK = "agx_python_break"    # a Python for kept unrolled with a Tensor break (its line)
    DATASET_ITERATOR = "agx_dataset_iterator"  # `it = iter(ds)` of a dataset loop: its `has_next` name


_MISSING = object()


# `key._value_` is `key.value` without the enum property's call (these run on every node).

def get(node, key: Anno, default=None):
    return node.__dict__.get(key._value_, default) if hasattr(node, "__dict__") else default


def put(node, key: Anno, value) -> None:
    setattr(node, key._value_, value)


def has(node, key: Anno) -> bool:
    return get(node, key, _MISSING) is not _MISSING


def drop(node, key: Anno) -> None:
    node.__dict__.pop(key._value_, None)
