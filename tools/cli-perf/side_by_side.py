#!/usr/bin/env python3
"""Runs each command N times as a whole process and prints a markdown table: wall time (median, fastest, slowest),
CPU time (user + sys, all threads; less sensitive than wall time to other work on a shared machine), peak RSS.

Each case is  LABEL::COMMAND  where COMMAND is split like a shell word list; {dir} is replaced by --dir.
Environment assignments in front of the command (NAME=VALUE ...) apply to that case only.
The cases run round robin (run 1 of every case, then run 2, ...), so a change of load touches every case alike.
Wall time is time.perf_counter around fork/exec/wait; CPU time and peak RSS are the child's own (wait4), so RSS is
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
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, process.returncode


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
    cases = [parse_case(text, args.dir) for text in args.cases]
    for _, argv, env in cases:
        for _ in range(args.warmup):
            run_once(argv, env)
    # Round robin, so a change of machine load during the measurement spreads over every case alike.
    times = [[] for _ in cases]
    cpu = [[] for _ in cases]
    peaks = [0] * len(cases)
    codes = [set() for _ in cases]
    for _ in range(args.runs):
        for i, (_, argv, env) in enumerate(cases):
            elapsed, cpu_seconds, rss_kb, code = run_once(argv, env)
            times[i].append(elapsed)
            cpu[i].append(cpu_seconds)
            peaks[i] = max(peaks[i], rss_kb)
            codes[i].add(code)
    print()
    print("| case | median | fastest | slowest | CPU (median) | peak RSS | exit |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for i, (label, _, _) in enumerate(cases):
        print(f"| {label} | {statistics.median(times[i]):.3f} s | {min(times[i]):.3f} s | {max(times[i]):.3f} s "
              f"| {statistics.median(cpu[i]):.3f} s | {peaks[i] / 1024:.0f} MB | {','.join(map(str, sorted(codes[i])))} |")
    print()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    sys.exit(main())
