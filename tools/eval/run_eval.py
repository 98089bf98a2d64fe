#!/usr/bin/env python3
"""Runs the pickleguard CLI on a labelled corpus (made by make_heldout.py) and reports misses and false alarms.

Usage:  /usr/bin/python3 tools/eval/run_eval.py CORPUS_DIR [--cli PATH_TO_pickleguard.dll] [--json OUT.json]
        [--per-file] [--batch N]

Build the CLI first:  cd /work/main && dotnet build src/PickleBuildGuard.Cli -c Release

"Blocked" = the file's verdict is dangerous, critical or unknown (exit 2/3/4 for that file alone);
"passes"  = clean or suspicious (exit 0/1). Files are scanned in batches with one CLI call per batch and
`-f json` (files[].verdict); --per-file runs one process per file instead (slower, same verdicts).
"""
import argparse
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CLI = os.path.normpath(os.path.join(HERE, "..", "..", "src", "PickleBuildGuard.Cli", "bin", "Release", "net10.0", "pickleguard.dll"))
BLOCKED = {"dangerous", "critical", "unknown"}
EXIT_VERDICT = {0: "clean", 1: "suspicious", 2: "dangerous", 3: "critical", 4: "unknown"}
# Labelled malicious but reported apart: inert data and harmless-but-unlisted calls (policy checks, not RCE).
SOFT_TECHNIQUES = ("nested-data", "default-deny")


def run_cli(cli, paths):
    proc = subprocess.run(["dotnet", cli, "scan", *paths, "-f", "json"], capture_output=True)
    if proc.returncode not in EXIT_VERDICT:
        raise SystemExit("CLI failed (exit %d): %s" % (proc.returncode, proc.stderr.decode(errors="replace")[:2000]))
    doc = json.loads(proc.stdout)
    return {os.path.realpath(f["path"]): f for f in doc["files"]}, proc.returncode


def scan(cli, paths, batch, per_file):
    results = {}
    if per_file:
        for p in paths:
            files, code = run_cli(cli, [p])
            entry = files.get(os.path.realpath(p)) or {"verdict": "missing", "findings": []}
            entry["exitCode"] = code
            results[os.path.realpath(p)] = entry
        return results
    for i in range(0, len(paths), batch):
        files, _ = run_cli(cli, paths[i:i + batch])
        results.update(files)
    return results


def short(f):
    out = []
    for x in f.get("findings", [])[:3]:
        msg = x.get("message", "")
        out.append("%s %s: %s" % (x.get("ruleId"), x.get("severity"), msg[:220]))
    for x in f.get("notices", [])[:2] if not out else []:
        out.append("notice %s: %s" % (x.get("code"), x.get("message", "")[:200]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--cli", default=DEFAULT_CLI)
    ap.add_argument("--json", help="write per-file results here")
    ap.add_argument("--per-file", action="store_true")
    ap.add_argument("--batch", type=int, default=60)
    a = ap.parse_args()

    rows = []
    with open(os.path.join(a.corpus, "labels.tsv")) as fh:
        next(fh)
        for line in fh:
            path, label, technique, desc = line.rstrip("\n").split("\t", 3)
            rows.append((os.path.join(a.corpus, path), label, technique, desc))
    results = scan(a.cli, [r[0] for r in rows], a.batch, a.per_file)

    stats = collections.defaultdict(lambda: [0, 0])
    misses, false_alarms, per_file = [], [], []
    for path, label, technique, desc in rows:
        f = results.get(os.path.realpath(path), {"verdict": "missing", "findings": []})
        verdict = f.get("verdict", "missing")
        blocked = verdict in BLOCKED
        group = label if label == "benign" else ("malicious-soft" if technique.startswith(SOFT_TECHNIQUES) else "malicious")
        stats[group][0] += 1
        stats[group][1] += blocked
        stats["tech:" + label + ":" + technique][0] += 1
        stats["tech:" + label + ":" + technique][1] += blocked
        rec = {"path": os.path.relpath(path, a.corpus), "label": label, "technique": technique, "description": desc,
               "verdict": verdict, "blocked": blocked, "findings": f.get("findings", []), "notices": f.get("notices", []),
               "globals": f.get("globals", [])}
        per_file.append(rec)
        if label == "malicious" and not blocked:
            misses.append(rec)
        if label == "benign" and blocked:
            false_alarms.append(rec)

    def pct(g):
        n, b = stats[g]
        return "%d/%d = %.1f%%" % (b, n, 100.0 * b / n if n else 0.0)

    print("corpus: %s   cli: %s" % (a.corpus, a.cli))
    print("blocked malicious (hard: code exec / file / network / loaders / evasions): %s" % pct("malicious"))
    print("blocked malicious (soft: %s): %s" % (", ".join(SOFT_TECHNIQUES), pct("malicious-soft")))
    n_mal = stats["malicious"][0] + stats["malicious-soft"][0]
    b_mal = stats["malicious"][1] + stats["malicious-soft"][1]
    print("blocked malicious (all): %d/%d = %.1f%%" % (b_mal, n_mal, 100.0 * b_mal / n_mal if n_mal else 0))
    print("blocked benign (false alarms): %s" % pct("benign"))
    print()
    print("per technique (blocked/total):")
    for k in sorted(k for k in stats if k.startswith("tech:")):
        print("  %-45s %d/%d" % (k[5:], stats[k][1], stats[k][0]))

    print()
    print("MISSES (malicious that pass): %d" % len(misses))
    for m in misses:
        print("- %s [%s] verdict=%s" % (m["path"], m["technique"], m["verdict"]))
        print("    %s" % m["description"])
        for s in short(m):
            print("    | " + s)
    print()
    print("FALSE ALARMS (benign blocked): %d" % len(false_alarms))
    for m in false_alarms:
        print("- %s verdict=%s" % (m["path"], m["verdict"]))
        print("    %s" % m["description"])
        for s in short(m):
            print("    | " + s)

    if a.json:
        with open(a.json, "w") as fh:
            json.dump(per_file, fh, indent=1)


if __name__ == "__main__":
    main()
