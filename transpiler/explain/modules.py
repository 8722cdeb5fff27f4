"""What a method's class holds, found statically: tf.Variables and submodules set in
`__init__`/`build` (the seed's rule: create variables in a tf.Module's `__init__`), and at
`--run` time, facts about the installed TensorFlow/Keras that differ from older material."""
from __future__ import annotations

from typing import List, Optional

import gast

from ..analysis.context import ModuleContext
from ..ground.syntax import dotted, walk
from ..ground.tfapi import is_keras_class, tf_api

SETUP_METHODS = ("__init__", "build")
SUBMODULE_PREFIXES = ("keras.", "layers.", "tf.keras.", "tf.Module", "tf.keras")


def _classes(tree) -> dict:
    return {s.name: s for s in tree.body if isinstance(s, gast.ClassDef)}


def _is_module_class(cls: gast.ClassDef, classes: dict, seen=()) -> bool:
    for base in cls.bases:
        name = dotted(base) or ""
        if name.split(".")[-1] in ("Module", "Layer", "Model", "Sequential"):
            return True
        local = classes.get(name)
        if local is not None and local.name not in seen and _is_module_class(local, classes, seen + (local.name,)):
            return True
    return False


def class_state(tree, class_name: str, ctx: ModuleContext) -> Optional[dict]:
    classes = _classes(tree)
    cls = classes.get(class_name)
    if cls is None:
        return None
    variables, submodules = [], []
    for item in cls.body:
        if not (isinstance(item, gast.FunctionDef) and item.name in SETUP_METHODS):
            continue
        for node in walk(item):
            if not (isinstance(node, gast.Assign) and isinstance(node.value, gast.Call)):
                continue
            for t in node.targets:
                name = dotted(t) if isinstance(t, gast.Attribute) else None
                if not name or not name.startswith("self."):
                    continue
                func = dotted(node.value.func) or ""
                api = tf_api(node.value.func, ctx) or ""
                entry = {"name": name, "line": node.lineno, "created_by": func}
                if api == "Variable" or func.endswith("add_weight") or func.endswith("add_variable"):
                    variables.append(entry)
                elif (api.startswith(("keras", "Module")) or func.startswith(SUBMODULE_PREFIXES)
                      or (func in classes and _is_module_class(classes[func], classes))):
                    submodules.append(entry)
    return {
        "class": class_name,
        "bases": [dotted(b) or "?" for b in cls.bases],
        "keras": is_keras_class(cls),
        "variables": variables,
        "submodules": submodules,
    }


def runtime_facts(module_info: Optional[dict]) -> List[str]:
    """Facts of the installed TensorFlow (imports it): only for `--run`."""
    if not module_info:
        return []
    import keras
    import tensorflow as tf
    facts = []
    for name, cls in (("tf.keras.Model", tf.keras.Model), ("tf.keras.layers.Layer", tf.keras.layers.Layer)):
        is_module = issubclass(cls, tf.Module)
        facts.append(f"{name} is {'a' if is_module else 'not a'} tf.Module subclass with TensorFlow "
                     f"{tf.__version__} / Keras {keras.__version__}"
                     + ("" if is_module else " (older material, like the seed chapter, says it is)"))
    if module_info.get("keras"):
        facts.append("Keras 3: decorating `call` with tf.function hides the layer's variables from "
                     "GradientTape; leave `call` undecorated (agx converts it anyway)")
    return facts


def render(info: Optional[dict]) -> List[str]:
    if not info:
        return []
    out = [f"  module  class {info['class']}({', '.join(info['bases'])})"]
    for key, label in (("variables", "variables"), ("submodules", "submodules")):
        items = info[key]
        listed = ", ".join(f"{i['name']} (line {i['line']}, {i['created_by']})" for i in items) or "none found"
        out.append(f"    {label}: {listed}")
    return out
