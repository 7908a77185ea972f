#!/usr/bin/env bash
# Quality at equal epochs: the quickstart model (Persuasion, 1 x LSTM 128, sequence 50, stateful, 4 epochs,
# local[*]) trained with each setting of a set on top of plain averaging (Adam's moments averaged, no block
# momentum), and its validation bits/char after every epoch. Every run uses the same data, seed and split;
# quality numbers do not depend on the machine's load.
#   bench/levers.sh [levers|workers] [OUTPUT_DIR]
#     levers:  the averaging levers with 2 workers
#     workers: 1, 2, 4 and 8 workers (more than 2 oversubscribe 2 cores: quality, not speed): plain
#              averaging and the quickstart's settings (Adam restarted every round, block momentum 0.5) with
#              32 windows per worker, then the quickstart's settings with 32 windows over all workers, for
#              averaging and for sync-gradients (about two hours)
set -euo pipefail
cd "$(dirname "$0")/.."
set_name="${1:-levers}"
out="${2:-runs/$set_name}"
mkdir -p "$out"
case "$set_name" in
  levers) variants=(
    "averaging, 2 workers, stateful (default)|"
    "stateless: every window from zeros|train.stateful=false"
    "one worker|train.workers=1"
    "sync-gradients, 2 workers|train.trainer=sync-gradients"
    "block momentum 0.5|train.block-momentum=0.5"
    "block momentum 0.7|train.block-momentum=0.7"
    "learning rate x sqrt(2)|train.learning-rate=0.00707"
    "learning rate x sqrt(2), 20 warm-up rounds|train.learning-rate=0.00707 train.warmup-rounds=20"
    "averaging every 2 minibatches|train.averaging-frequency=2"
    "averaging every 10 minibatches|train.averaging-frequency=10"
    "global-norm clipping|train.clip-mode=global"
    "global-norm clipping, block momentum 0.5|train.clip-mode=global train.block-momentum=0.5"
    "Adam moments kept per worker|train.adam-state=per-worker"
    "Adam restarted every round|train.adam-state=reset"
    "Adam restarted, learning rate x sqrt(2)|train.adam-state=reset train.learning-rate=0.00707"
    "learning rate x sqrt(2), block momentum 0.5|train.learning-rate=0.00707 train.block-momentum=0.5"
    "Adam restarted, block momentum 0.5|train.adam-state=reset train.block-momentum=0.5"
    "Adam restarted, block momentum 0.5, global-norm clipping|train.adam-state=reset train.block-momentum=0.5 train.clip-mode=global") ;;
  workers) variants=()
    for w in 1 2 4 8; do
      quickstart="train.workers=$w train.adam-state=reset train.block-momentum=0.5"
      variants+=("$w workers, averaging|train.workers=$w"
        "$w workers, Adam restarted, block momentum 0.5|$quickstart"
        "$w workers, global batch 32, Adam restarted, block momentum 0.5|$quickstart train.global-batch-size=32"
        "$w workers, sync-gradients, global batch 32, Adam restarted, block momentum 0.5|$quickstart train.global-batch-size=32 train.trainer=sync-gradients")
    done ;;
  *) echo "usage: bench/levers.sh [levers|workers] [OUTPUT_DIR]" >&2; exit 2 ;;
esac
for v in "${variants[@]}"; do
  name="${v%%|*}"
  sets=(--set train.adam-state=averaged --set train.block-momentum=0)
  for s in ${v#*|}; do sets+=(--set "$s"); done
  dir="$out/$(echo "$name" | tr -c 'a-z0-9' '-')"
  bin/spark-lstm train --config conf/quickstart.conf --set output.path="$dir" --overwrite "${sets[@]}" > "$dir.log" 2>&1
  bits=$(grep -o 'validation loss [0-9.]* (perplexity [0-9.]*, [0-9.]* bits/char)' "$dir.log" \
    | sed 's/.*, \([0-9.]*\) bits.*/\1/' | paste -sd' ')
  echo "| $name | $bits |"
done
