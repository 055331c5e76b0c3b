#!/usr/bin/env python3
"""`blueprint check` on 2,000 generated design docs against rumdl and
markdownlint-cli2 on the same corpus, in the same run. Prints the median wall
time of each tool and the ratios against blueprint.

    python3 scripts/bench-cli.py [--count 2000] [--runs 5]

Installs the other linters into target/bench-tools on first use (rumdl from
PyPI, markdownlint-cli2 from npm) and builds blueprint in release mode.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "target" / "bench-tools"


def run(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def ensure_tools():
    py = TOOLS / "py"
    if not (py / "bin" / "rumdl").exists():
        run([sys.executable, "-m", "pip", "install", "-q", "--target", str(py), "rumdl"])
    node = TOOLS / "node"
    if not (node / "node_modules" / ".bin" / "markdownlint-cli2").exists():
        node.mkdir(parents=True, exist_ok=True)
        run(["npm", "install", "--silent", "--prefix", str(node), "markdownlint-cli2"])
    return py / "bin" / "rumdl", node / "node_modules" / ".bin" / "markdownlint-cli2", py


def median_seconds(cmd, runs, env, cwd):
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        if i > 0:  # the first run warms the page cache
            times.append(elapsed)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    run(["cargo", "build", "--release", "-q", "-p", "blueprint-cli", "-p", "blueprint-bench"], cwd=ROOT)
    corpus = ROOT / "target" / "bench-corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    run([str(ROOT / "target/release/blueprint-bench"), "corpus", str(corpus), "--count", str(args.count)])
    rumdl, markdownlint, py = ensure_tools()
    env = dict(os.environ, PYTHONPATH=str(py))

    tools = {
        "blueprint check": [str(ROOT / "target/release/blueprint"), "check", ".", "--format", "json", "--fail-on", "never"],
        "rumdl check": [str(rumdl), "check", "."],
        "markdownlint-cli2": [str(markdownlint), "**/*.md"],
    }
    results = {name: median_seconds(cmd, args.runs, env, corpus) for name, cmd in tools.items()}
    base = results["blueprint check"]
    size = sum(p.stat().st_size for p in corpus.glob("*.md"))
    print(f"\n{args.count} documents, {size / 1e6:.1f} MB, {os.cpu_count()} cores, median of {args.runs} runs")
    print(f"{'tool':<20} {'seconds':>9} {'time / blueprint':>17}")
    for name, seconds in results.items():
        print(f"{name:<20} {seconds:>9.3f} {seconds / base:>17.2f}")


if __name__ == "__main__":
    main()
