"""Child process for the scaling series: converts with AutoGraph so the parent can kill it.

Protocol (JSON lines): prints {"ready": true} once TensorFlow is imported and warmed up;
then for each request {"source": ..., "function": "f"} on stdin prints
{"seconds": t} or {"error": "..."}.
"""
from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def main() -> None:
    import tensorflow as tf
    from bench import modules
    from bench.sources import if_blocks

    tf.autograph.to_code(modules.resolve(modules.load(if_blocks(2), rename=True), "f"))
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            fn = modules.resolve(modules.load(request["source"], rename=True), request["function"])
            start = time.perf_counter()
            tf.autograph.to_code(fn)
            reply = {"seconds": time.perf_counter() - start}
        except Exception as exc:
            reply = {"error": f"{type(exc).__name__}: {str(exc)[:200]}"}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    main()
