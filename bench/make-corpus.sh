#!/usr/bin/env bash
# Builds the 40 MB preprocessing benchmark text: the six Austen novels of data-samples, ten times.
#   bench/make-corpus.sh runs/bench-corpus/austen-x10.txt
set -euo pipefail
out="${1:-runs/bench-corpus/austen-x10.txt}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$(dirname "$out")"
: > "$out"
for _ in 1 2 3 4 5 6 7 8 9 10; do zcat "$root/data-samples/austen.txt.gz" >> "$out"; done
ls -l "$out"
