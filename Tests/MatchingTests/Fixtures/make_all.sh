#!/bin/sh
# Regenerates every fixture (each make.py is deterministic), then optionally cross-checks them against
# MatchIt 4.5.4's C++ matcher:  ./make_all.sh [<MatchIt 4.5.4 src directory>]
set -e
cd "$(dirname "$0")"
for make in */make.py; do
    python3 "$make"
done
if [ -n "$1" ]; then
    Rscript R/crosscheck_matchit454.R "$1" .
fi
