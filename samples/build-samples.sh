#!/usr/bin/env bash
# Packs PickleBuildGuard into artifacts/packages and builds both sample projects against it, as a user would.
# BenignModels must build; PoisonedModel must fail with error PBG1001.
set -uo pipefail
cd "$(dirname "$0")/.."
dotnet pack nuget/PickleBuildGuard.csproj -c Release -o artifacts/packages -nologo -v:q || exit 1
rm -rf samples/.packages/picklebuildguard

dotnet build samples/BenignModels -nologo -v:q || { echo "BenignModels should build" >&2; exit 1; }
if output=$(dotnet build samples/PoisonedModel -nologo -v:q 2>&1); then
  echo "$output"; echo "PoisonedModel should fail" >&2; exit 1
fi
echo "$output" | grep -E "error PBG1001" || { echo "$output"; echo "PoisonedModel failed without PBG1001" >&2; exit 1; }
echo "samples: BenignModels built, PoisonedModel failed with PBG1001 as expected"
