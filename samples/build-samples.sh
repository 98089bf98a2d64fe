#!/usr/bin/env bash
# Packs PickleBuildGuard into artifacts/packages and builds both sample projects against it, as a user would.
# BenignModels must build; PoisonedModel must fail with error PBG1001; InteropGuardSample must show the analyzer's warnings.
set -uo pipefail
cd "$(dirname "$0")/.."
dotnet pack nuget/PickleBuildGuard.csproj -c Release -o artifacts/packages -nologo -v:q || exit 1
rm -rf samples/.packages/picklebuildguard

dotnet build samples/BenignModels -nologo -v:q || { echo "BenignModels should build" >&2; exit 1; }
if output=$(dotnet build samples/PoisonedModel -nologo -v:q 2>&1); then
  echo "$output"; echo "PoisonedModel should fail" >&2; exit 1
fi
echo "$output" | grep -E "error PBG1001" || { echo "$output"; echo "PoisonedModel failed without PBG1001" >&2; exit 1; }
interop=$(dotnet build samples/InteropGuardSample -nologo -v:q 2>&1) || { echo "$interop"; echo "InteropGuardSample should build" >&2; exit 1; }
for code in PBG2001 PBG2002 PBG2004 PBG2005 PBG2006; do
  echo "$interop" | grep -q "warning $code" || { echo "$interop"; echo "InteropGuardSample did not show $code" >&2; exit 1; }
done
echo "samples: BenignModels built, PoisonedModel failed with PBG1001, InteropGuardSample showed PBG2001-PBG2006 as expected"
