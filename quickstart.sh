#!/usr/bin/env bash
# One command from a fresh Debian 12 / Ubuntu machine (as root) to a running trace: installs
# what is missing, builds, and traces every process's file I/O for 10 seconds.
#   sudo ./quickstart.sh            # then: sudo bin/ior --help
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
scripts/install-deps.sh
echo "quickstart: building (first build downloads Maven dependencies)..."
mvn -B -q -ntp -Dstyle.color=never package -Dmaven.test.skip=true
echo "quickstart: making the class data sharing archive (a faster start for every run)..."
bin/.launch --cds
echo "quickstart: built. Tracing all processes for 10 s (sudo bin/ior --help for more):"
exec bin/ior -duration 10 "$@"
