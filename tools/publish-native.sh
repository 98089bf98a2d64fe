#!/usr/bin/env bash
# Builds the fastest pickleguard: one Native AOT executable for this machine (no .NET runtime needed to run it).
# It scans a small file or a 1 GiB PyTorch checkpoint in 0.01-0.02 s where the dotnet tool needs 0.12-0.13 s, nearly
# all of it .NET start-up (docs/performance.md, "Whole process"). net8.0 is compiled ahead of time: the package feed
# has no NativeAOT runtime pack for net10.0.
#
#   tools/publish-native.sh [OUTPUT_DIR]         default artifacts/native/<rid>, e.g. artifacts/native/linux-x64
#   PICKLEGUARD_RID=linux-arm64 tools/publish-native.sh   another architecture of the same OS (needs its toolchain)
#
# Needs the .NET SDK (global.json) and the platform's Native AOT prerequisites (Linux: clang or gcc, zlib;
# see https://learn.microsoft.com/dotnet/core/deploying/native-aot/#prerequisites). The ILCompiler packages
# come from the NuGet feed at restore.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

rid="${PICKLEGUARD_RID:-$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')}"
out="${1:-$root/artifacts/native/$rid}"

dotnet publish "$root/src/PickleBuildGuard.Cli" -c Release -r "$rid" -p:PickleGuardNativeAot=true -o "$out" -nologo

# Smoke check: it runs, and finds the poisoned samples (exit 3 = critical) as the tool does in .ci/run.
"$out/pickleguard" --version >/dev/null
set +e
"$out/pickleguard" scan "$root/samples" -r -f json >/dev/null
status=$?
set -e
if [ "$status" -ne 3 ]; then
  echo "error: $out/pickleguard scan samples -r exited $status, expected 3" >&2
  exit 1
fi
echo "native pickleguard: $out/pickleguard"
