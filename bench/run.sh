#!/usr/bin/env bash
# Offer-rendering cost and Dodo calls per accept, against the real store on its sandbox Dodo (loopback only).
# Usage: bench/run.sh [renders=200] [accepts=20]. Numbers go to stdout; copy them into README.md when they change.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/OfferBench -- "${1:-200}" "${2:-20}"
