#!/usr/bin/env bash
# Runs the whole test suite: unit, golden, external-reader (go tool pprof, chromium) and
# end-to-end BPF tests. Installs what is missing first. Run as root for the BPF tests; with
# IOR_REQUIRE_BPF=1 (as CI sets) a missing BPF capability fails them instead of skipping.
#   sudo ./run-tests.sh
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
scripts/install-deps.sh --test
# The tools the tests need were just installed: their absence is a failure, not a skip.
export IOR_REQUIRE_TOOLS=1
exec mvn -B -ntp verify "$@"
