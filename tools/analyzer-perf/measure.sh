#!/usr/bin/env bash
# Measures the PickleBuildGuard analyzer's share of compile time on a generated 2,000-file project
# (docs/performance.md, "Analyzer"). Usage: tools/analyzer-perf/measure.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-/tmp/pbg-analyzer-perf}"

dotnet build src/PickleBuildGuard.Analyzers -c Release -nologo -v:q
analyzer="$PWD/src/PickleBuildGuard.Analyzers/bin/Release/netstandard2.0/PickleBuildGuard.Analyzers.dll"

for variant in plain interop; do
  dir="$out/$variant"
  rm -rf "$dir"
  flag=""
  [ "$variant" = interop ] && flag="--interop"
  python3 tools/analyzer-perf/generate_project.py "$dir" --files 2000 --analyzer "$analyzer" $flag
  dotnet restore "$dir/Perf.csproj" -nologo -v:q
  # One warm-up build, then the measured one; -p:ReportAnalyzer=true makes csc print per-analyzer times.
  dotnet build "$dir/Perf.csproj" -c Release -nologo -v:q --no-restore -p:ReportAnalyzer=true >/dev/null
  dotnet build "$dir/Perf.csproj" -c Release -nologo --no-restore --no-incremental -nodeReuse:false \
    -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary > "$dir/build.log"
  echo "== $variant"
  grep -E "Total analyzer execution time|^ +[<0-9.]+ +[<0-9]+ +PickleBuildGuard\.Analyzers|^ +[0-9]+ ms +Csc +" "$dir/build.log" | sed 's/^ *//'
  total=$(grep -E "^ +[0-9]+ ms +Csc +" "$dir/build.log" | awk '{print $1}')
  ours=$(grep -E "^ +[0-9.]+ +[<0-9]+ +PickleBuildGuard\.Analyzers, Version" "$dir/build.log" | awk '{print $1}')
  awk -v ours="$ours" -v total="$total" 'BEGIN { printf "PickleBuildGuard.Analyzers: %.3f s of %.1f s Csc = %.2f %%\n", ours, total / 1000, 100 * ours * 1000 / total }'
done
