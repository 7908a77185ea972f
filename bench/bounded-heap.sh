#!/usr/bin/env bash
# The driver's heap (live when training ends, and the peak after a collection) when one epoch of a tiny character model trains
# on Austen repeated until its windows are 0.75, 1.5 and 3 times the heap, with sequence.store = disk, on
# local[2] (the workers share the driver's JVM), with a 256 MB heap.
#   bench/bounded-heap.sh [heap]     (default 256m)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
heap="${1:-256m}"
work="$root/runs/bench-bounded-heap"
rm -rf "$work" && mkdir -p "$work"
zcat data-samples/austen.txt.gz > "$work/austen.txt"
heap_mb=$(( $(numfmt --from=iec "${heap^^}") / 1048576 ))
# windows take 4 bytes per character: 1x is 0.75 heap of windows
copies=$(( heap_mb * 3 / 4 * 1048576 / 4 / $(wc -c < "$work/austen.txt") + 1 ))

echo "| corpus | characters | windows MB | windows / heap | epoch | training tokens/s | heap live after training MB | heap peak after a collection MB | peak RSS MB |"
echo "|---|---|---|---|---|---|---|---|---|"
for k in 1 2 4; do
  corpus="$work/austen-x$k.txt"
  for _ in $(seq $((k * copies))); do cat "$work/austen.txt"; done > "$corpus"
  chars=$(wc -c < "$corpus")
  # Spark refuses heaps under 450 MB unless its reserved share is set explicitly
  /usr/bin/time -f "%M" -o "$work/x$k.rss" env SPARK_LSTM_DRIVER_MEMORY="$heap" \
    JAVA_OPTS="-Dspark.testing.reservedMemory=0" bin/spark-lstm train --config conf/quickstart.conf \
    --set input.path="$corpus" --set output.path="$work/run-x$k" --set spark.master='local[2]' \
    --set train.workers=2 --set sequence.length=100 --set sequence.stride=100 \
    --set sequence.validation-fraction=0.02 --set sequence.store=disk --set model.embedding=4 \
    --set model.hidden=8 --set train.epochs=1 --set train.batch-size=256 --set train.averaging-frequency=20 \
    --set generate.length=10 > "$work/x$k.log" 2>&1
  epoch=$(grep -o "epoch 1/1 done in [0-9hms]*" "$work/x$k.log" | awk '{print $5}')
  rate=$(grep -o "training: [0-9,]* tokens/s" "$work/x$k.log" | awk '{print $2}')
  training=$(grep -o "driver heap: [0-9,]* MB live after training" "$work/x$k.log" | awk '{print $3}')
  peak=$(grep -o "peak after a collection [0-9,]* MB" "$work/x$k.log" | awk '{print $5}')
  rss=$(( $(cat "$work/x$k.rss") / 1024 ))
  windows=$(( chars * 4 / 1048576 ))
  echo "| ${k}x | $chars | $windows | $(awk "BEGIN {printf \"%.2f\", $windows / $heap_mb}") | $epoch | $rate | $training | $peak | $rss |"
  rm -f "$corpus"
done
