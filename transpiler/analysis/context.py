"""What a function's analysis needs to know about its module: the ``ModuleContext``
(the TensorFlow alias, kinds of module-level names, kinds of ``self.<attr>`` set in each
class's ``__init__``, and the converted functions). `module.py` builds it.
"""
from __future__ import annotations

import dataclasses
from typing import Dict, Set

from ..ground.tfapi import TFNames
from .decisions import Kind


@dataclasses.dataclass
class ModuleContext:
    tf: TFNames
    globals: Dict[str, Kind]
    global_lists: Set[str]                      # module-level names bound to list/dict/set
    class_attrs: Dict[str, Dict[str, Kind]]     # class -> attr -> kind
    converted: Set[str]                         # plain names of converted functions/methods
    source_lines: list
    helpers: Dict[str, str] = dataclasses.field(default_factory=dict)  # agx's own dispatch helpers: name -> role

    def is_tf(self, name: str) -> bool:
        return name in self.tf.modules or name == "tensorflow"
