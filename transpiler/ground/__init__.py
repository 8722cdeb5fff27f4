"""The ground floor: vocabulary every layer shares, importing nothing of agx.

    syntax.py   AST helpers: walkers, `contains`, parameter names, `dotted`, builders
    anno.py     the one keyed store for node annotations (`Anno`, `get`, `put`)
    printer.py  one-line source text of expressions (astor, with a fast path)
    tfapi.py    the TensorFlow-API vocabulary: aliases, `tf_api`, `is_tf_function`,
                `signature_of`, `is_variable_call` and every API table

Layers above (parse -> analysis -> lower -> targets -> emit, then api, tools, explain,
lint) import from here; nothing here imports from them (tests/test_architecture.py).
"""
