#!/usr/bin/env bash
# Measures the PickleBuildGuard analyzer's share of compile time on a generated 2,000-file project
# (docs/performance.md, "Analyzer"). Usage: tools/analyzer-perf/measure.sh [OUT_DIR] [RUNS]
# Each variant is built RUNS times (default 3), alternating plain and interop so that a change in the machine's load
# falls on both; the median share of each variant is printed last.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-/tmp/pbg-analyzer-perf}"
runs="${2:-3}"

dotnet build src/PickleBuildGuard.Analyzers -c Release -nologo -v:q
analyzer="$PWD/src/PickleBuildGuard.Analyzers/bin/Release/netstandard2.0/PickleBuildGuard.Analyzers.dll"

for variant in plain interop; do
  dir="$out/$variant"
  rm -rf "$dir" "$out/$variant.shares"
  flag=""
  [ "$variant" = interop ] && flag="--interop"
  python3 tools/analyzer-perf/generate_project.py "$dir" --files 2000 --analyzer "$analyzer" $flag
  dotnet restore "$dir/Perf.csproj" -nologo -v:q
  # A warm-up build, so that every measured build finds the same disk cache.
  dotnet build "$dir/Perf.csproj" -c Release -nologo -v:q --no-restore -p:ReportAnalyzer=true >/dev/null
done

for run in $(seq 1 "$runs"); do
  for variant in plain interop; do
    dir="$out/$variant"
    log="$dir/build-$run.log"
    load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
    # -p:ReportAnalyzer=true makes csc print per-analyzer times; -clp:PerformanceSummary gives the Csc task's time.
    dotnet build "$dir/Perf.csproj" -c Release -nologo --no-restore --no-incremental -nodeReuse:false \
      -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary > "$log"
    load_after=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
    total=$(grep -E "^ +[0-9]+ ms +Csc +" "$log" | awk '{print $1}')
    ours=$(grep -E "^ +[0-9.]+ +[<0-9]+ +PickleBuildGuard\.Analyzers, Version" "$log" | awk '{print $1}')
    echo "== $variant, run $run (load $load_before -> $load_after)"
    grep -E "^ +[<0-9.]+ +[<0-9]+ +PickleBuildGuard\.Analyzers\." "$log" | sed 's/^ */   /'
    awk -v ours="$ours" -v total="$total" 'BEGIN { printf "   PickleBuildGuard.Analyzers: %.3f s of %.1f s Csc = %.2f %%\n", ours, total / 1000, 100 * ours * 1000 / total }' \
      | tee -a "$out/$variant.shares"
  done
done

echo "== median of $runs runs"
for variant in plain interop; do
  awk '{ print $(NF - 1) }' "$out/$variant.shares" | sort -n | awk -v variant="$variant" \
    '{ shares[NR] = $1 } END { printf "%s: %.2f %% (sorted: ", variant, shares[int((NR + 1) / 2)]; for (i = 1; i <= NR; i++) printf "%s%s", shares[i], (i < NR ? ", " : " %)\n") }'
done
