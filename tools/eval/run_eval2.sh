#!/usr/bin/env bash
# Second held-out round: build the CLI, build /tmp/heldout2 (make_heldout2.py), score it with run_eval.py.
#
#   bash tools/eval/run_eval2.sh [OUT_DIR] [--prove] [--no-build]
#
# --prove   also load every malicious sample once, with its payload (only `touch`) pointed at OUT/proof/hits/,
#           in a throw-away subprocess, and write OUT/proof.tsv (did the technique really run?). Takes ~5 min.
# Results: OUT/eval.txt (summary, misses, false alarms) and OUT/eval.json (per file).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="/tmp/heldout2"
PROVE=""
BUILD=1
for a in "$@"; do
  case "$a" in
    --prove) PROVE="--prove" ;;
    --no-build) BUILD=0 ;;
    *) OUT="$a" ;;
  esac
done
PY=/usr/bin/python3
if [ "$BUILD" = 1 ]; then
  (cd "$ROOT" && dotnet build src/PickleBuildGuard.Cli -c Release -v q -nologo >/dev/null)
fi
"$PY" "$HERE/make_heldout2.py" "$OUT" $PROVE 2> "$OUT.gen.log" || { tail -20 "$OUT.gen.log"; exit 1; }
tail -1 "$OUT.gen.log" || true
"$PY" "$HERE/run_eval.py" "$OUT" --json "$OUT/eval.json" | tee "$OUT/eval.txt" | sed -n '1,6p'
echo "full report: $OUT/eval.txt   per-file: $OUT/eval.json${PROVE:+   proof: $OUT/proof.tsv}"
