#!/usr/bin/env python3
"""Runs each command N times as a whole process and prints a markdown table: median and fastest wall time, peak RSS.

Each case is  LABEL::COMMAND  where COMMAND is split like a shell word list; {dir} is replaced by --dir.
Environment assignments in front of the command (NAME=VALUE ...) apply to that case only.
Wall time is time.perf_counter around fork/exec/wait; peak RSS is the child's own ru_maxrss from wait4, so it is
per process, not the maximum over all children.

  side_by_side.py --runs 9 --dir /tmp/inputs \\
      'fd scan 20M::dotnet pickleguard.dll scan {dir}/opcodes-20m.pkl' \\
      'genops 20M::/usr/bin/python3 -c "..." {dir}/opcodes-20m.pkl'
"""
import argparse
import os
import shlex
import statistics
import subprocess
import sys
import time


def run_once(argv, env):
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, process.returncode


def parse_case(text, directory):
    label, _, command = text.partition("::")
    words = [w.replace("{dir}", directory) for w in shlex.split(command)]
    env = dict(os.environ)
    while words and "=" in words[0] and not words[0].startswith(("/", ".")):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    return label.strip(), words, env


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first (page cache, disk)")
    parser.add_argument("--dir", default=".")
    parser.add_argument("cases", nargs="+")
    args = parser.parse_args()

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {args.runs} runs per row", flush=True)
    print()
    print("| case | median | fastest | slowest | peak RSS | exit |")
    print("|---|---:|---:|---:|---:|---:|")
    for text in args.cases:
        label, argv, env = parse_case(text, args.dir)
        for _ in range(args.warmup):
            run_once(argv, env)
        times, peak, codes = [], 0, set()
        for _ in range(args.runs):
            elapsed, rss_kb, code = run_once(argv, env)
            times.append(elapsed)
            peak = max(peak, rss_kb)
            codes.add(code)
        print(f"| {label} | {statistics.median(times):.3f} s | {min(times):.3f} s | {max(times):.3f} s "
              f"| {peak / 1024:.0f} MB | {','.join(map(str, sorted(codes)))} |", flush=True)
    print()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    sys.exit(main())
