#!/usr/bin/env bash
# Whole-process figures of `pickleguard scan`, side by side with CPython (docs/performance.md, "Whole process").
#
#   tools/cli-perf/measure.sh [--runs N] [--genops-runs N] [--work DIR] [--no-build]
#
# 1. writes the inputs into DIR (default /tmp/pbg-cli-perf): a 20 M-opcode pickle and a sparse 1 GiB PyTorch zip
#    checkpoint (make_inputs.py, Python standard library only);
# 2. builds the variants: framework-dependent (what `dotnet tool install` gives), framework-dependent ReadyToRun
#    (linux-x64), Native AOT (tools/publish-native.sh);
# 3. checks that every variant writes the same JSON report for every input and for samples/;
# 4. runs each case N times as a whole process (side_by_side.py: median, fastest, slowest, peak RSS), with the
#    .NET start-up knobs (TieredPGO, TC_QuickJitForLoops, TieredCompilation) as environment variables, and CPython's
#    pickletools.genops walking the 20 M-opcode pickle as the reference.
# Record `uptime` with the figures: the machine is shared and the 1-minute load moves them.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/tools/cli-perf"
runs=9 genops_runs=3 work=/tmp/pbg-cli-perf build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --genops-runs) genops_runs="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) echo "usage: $0 [--runs N] [--genops-runs N] [--work DIR] [--no-build]" >&2; exit 64 ;;
  esac
done
python="${PYTHON:-/usr/bin/python3}"
[ -x "$python" ] || python=python3
rid="$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(uptime)"
echo "== inputs in $work"
mkdir -p "$work"
"$python" "$here/make_inputs.py" "$work"
pickle20m="$work/opcodes-20m.pkl" checkpoint="$work/checkpoint-1gib.pt"
tiny="$root/samples/models/benign/random_forest.pkl"

fd_dll="$root/src/PickleBuildGuard.Cli/bin/Release/net10.0/pickleguard.dll"
r2r="$work/r2r/pickleguard" native="$work/native/pickleguard"
if [ "$build" = 1 ]; then
  echo "== building"
  dotnet build "$root/src/PickleBuildGuard.Cli" -c Release -nologo -v q
  dotnet publish "$root/src/PickleBuildGuard.Cli" -c Release -r "$rid" --self-contained false \
    -p:PublishReadyToRun=true -o "$work/r2r" -nologo -v q
  "$root/tools/publish-native.sh" "$work/native" >/dev/null
fi

echo "== same JSON from every variant"
for input in "$tiny" "$checkpoint" "$pickle20m" "$root/samples"; do
  set +e
  dotnet "$fd_dll" scan -r -f json "$input" >"$work/fd.json"; "$r2r" scan -r -f json "$input" >"$work/r2r.json"
  "$native" scan -r -f json "$input" >"$work/native.json"
  set -e
  if ! cmp -s "$work/fd.json" "$work/r2r.json" || ! cmp -s "$work/fd.json" "$work/native.json"; then
    echo "error: the variants disagree on $input (see $work/{fd,r2r,native}.json)" >&2
    exit 1
  fi
  echo "$input: identical"
done

fd="dotnet $fd_dll"
genops="$python -c 'import pickletools,sys; [None for _ in pickletools.genops(open(sys.argv[1],\"rb\"))]' $pickle20m"
echo "== .NET start-up, 1 GiB checkpoint, 20 M-opcode pickle ($runs runs each)"
"$python" "$here/side_by_side.py" --runs "$runs" \
  "framework-dependent --version::$fd --version" \
  "ReadyToRun --version::$r2r --version" \
  "Native AOT --version::$native --version" \
  "framework-dependent, 4 KB pickle::$fd scan $tiny" \
  "framework-dependent TieredPGO=0, 4 KB pickle::DOTNET_TieredPGO=0 $fd scan $tiny" \
  "framework-dependent TC_QuickJitForLoops=0, 4 KB pickle::DOTNET_TC_QuickJitForLoops=0 $fd scan $tiny" \
  "framework-dependent TieredCompilation=0, 4 KB pickle::DOTNET_TieredCompilation=0 $fd scan $tiny" \
  "ReadyToRun, 4 KB pickle::$r2r scan $tiny" \
  "Native AOT, 4 KB pickle::$native scan $tiny" \
  "framework-dependent, 1 GiB checkpoint::$fd scan $checkpoint" \
  "ReadyToRun, 1 GiB checkpoint::$r2r scan $checkpoint" \
  "Native AOT, 1 GiB checkpoint::$native scan $checkpoint" \
  "framework-dependent, 20 M opcodes::$fd scan $pickle20m" \
  "framework-dependent TieredCompilation=0, 20 M opcodes::DOTNET_TieredCompilation=0 $fd scan $pickle20m" \
  "ReadyToRun, 20 M opcodes::$r2r scan $pickle20m" \
  "Native AOT, 20 M opcodes::$native scan $pickle20m"
echo "== CPython reference ($genops_runs runs)"
"$python" "$here/side_by_side.py" --runs "$genops_runs" --warmup 0 "pickletools.genops, 20 M opcodes::$genops"
