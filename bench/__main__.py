"""python -m bench [--quick] [--output PATH] [--sections ...]: agx vs AutoGraph, one run."""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from . import report  # noqa: E402
from .sources import ROOT  # noqa: E402

SECTIONS = ("conversion", "cli", "graphs", "scaling")
FULL = {"repeat": 5, "ag_repeat": 3, "sizes": (1000, 5000, 20000), "timeout": 10.0, "tf_repeat": 3,
        "scaling": {"if/else blocks": [10, 20, 50, 100, 1000],
                    "if/else blocks in a loop": [10, 20, 50, 100, 1000],
                    "nested while loops": [2, 4, 8, 16]}}
QUICK = {"repeat": 2, "ag_repeat": 1, "sizes": (200, 1000), "timeout": 2.0, "tf_repeat": 1,
         "scaling": {"if/else blocks": [10, 20, 100], "nested while loops": [2, 8]}}


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--quick", action="store_true", help="fewer repeats, smaller inputs (~1 minute)")
    p.add_argument("--output", "-o", default=str(ROOT / "bench" / "results" / "latest.json"),
                   help="where to write the JSON results (default: bench/results/latest.json)")
    p.add_argument("--sections", default=",".join(SECTIONS),
                   help=f"comma-separated subset of {','.join(SECTIONS)}")
    p.add_argument("--timeout", type=float, help="AutoGraph per-case timeout in the scaling series (s)")
    p.add_argument("--repeat", type=int, help="timing repeats (medians are reported)")
    return p.parse_args(argv)


def machine() -> dict:
    info = {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "loadavg_start": list(os.getloadavg())}
    try:
        import tensorflow as tf
        info["tensorflow"] = tf.__version__
        info["gpus"] = len(tf.config.list_physical_devices("GPU"))
    except ImportError:
        info["tensorflow"] = None
    return info


def units_for(config: dict):
    from . import sources
    units = sources.example_units() + sources.corpus_units() + sources.golden_units()
    for lines in config["sizes"]:
        label = f"generated-{lines // 1000}k" if lines >= 1000 else f"generated-{lines}"
        units.append(sources.Unit(label, label, sources.generated_module(lines)))
    return sources.fill_functions(units)


def main(argv=None) -> int:
    args = parse_args(argv)
    config = dict(QUICK if args.quick else FULL)
    if args.timeout is not None:
        config["timeout"] = args.timeout
    if args.repeat is not None:
        config["repeat"] = args.repeat
    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        print(f"unknown section(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    info = machine()  # imports TensorFlow
    # TensorFlow's import leaves ~10^6 objects that every full GC pass would rescan during
    # either tool's timings; freeze them (both tools benefit alike).
    gc.collect()
    gc.freeze()
    results = {"mode": "quick" if args.quick else "full", "config": config, "machine": info,
               "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())}
    log = lambda msg: print(msg, file=sys.stderr, flush=True)  # noqa: E731
    units = units_for(config) if {"conversion", "graphs"} & set(sections) else []
    if "conversion" in sections:
        from . import conversion
        log("conversion: agx vs tf.autograph.to_code vs ast.parse ...")
        results["conversion"] = conversion.run(units, config["repeat"], config["ag_repeat"], log)
    if "cli" in sections:
        from . import cli_bench
        log("cli: agx convert vs import tensorflow ...")
        results["cli"] = cli_bench.measure(config["repeat"], config["tf_repeat"])
    if "graphs" in sections:
        from . import graphs
        log("tracing, graph size and per-call time ...")
        corpus_ids = {u.id for u in units if u.group == "corpus"}
        traced = [u for u in units if u.runs and u.autograph != "hangs" and (  # AutoGraph never ends
            u.group == "corpus" or (u.group == "golden" and u.id not in corpus_ids))]
        results["graphs"] = graphs.run(traced, max(1, config["repeat"] // 2 + 1))
    if "scaling" in sections:
        from . import scaling
        log("scaling series ...")
        results["scaling"] = scaling.run(config["scaling"], config["timeout"], config["repeat"], progress=log)
    results["total_s"] = time.perf_counter() - start
    results["machine"]["loadavg_end"] = list(os.getloadavg())
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    save = lambda: out.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")  # noqa
    save()  # the measurements are kept even if rendering fails
    results["targets"] = report.targets(results)
    results["table"] = report.render(results)
    save()
    print(results["table"])
    print(f"results written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
