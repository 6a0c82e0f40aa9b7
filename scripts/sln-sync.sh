#!/usr/bin/env bash
# Maintainer helper: adds every project under src/, tests/ and bench/ to Homework.sln
# (used after merges, where concurrent branches each added their own projects).
set -euo pipefail
cd "$(dirname "$0")/.."
find src tests bench -name '*.csproj' -not -path '*/bin/*' -not -path '*/obj/*' -print0 | xargs -0 -r dotnet sln Homework.sln add >/dev/null
dotnet sln Homework.sln list | tail -n +3 | sort
