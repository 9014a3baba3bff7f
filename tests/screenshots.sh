#!/usr/bin/env bash
# Retakes the README's screenshots (docs/screenshots) from a running store in Chromium. Run after tests/run.sh has
# installed Chromium; review the images before committing them.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/Storefront.E2ETests -v q
dotnet test tests/Storefront.E2ETests --no-build --filter "FullyQualifiedName~ReadmeScreenshots" -- xUnit.Explicit=only
git status --short docs/screenshots
