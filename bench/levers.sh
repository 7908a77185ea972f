#!/usr/bin/env bash
# Quality at equal epochs for the averaging levers: the quickstart model (Persuasion, 1 x LSTM 128,
# 4 epochs, local[*]) trained with each setting below, and its validation bits/char after every epoch.
# Every run uses the same data, seed and split; quality numbers do not depend on the machine's load.
#   bench/levers.sh [OUTPUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-runs/levers}"
mkdir -p "$out"
variants=(
  "averaging, 2 workers|"
  "one worker|train.workers=1"
  "sync-gradients, 2 workers|train.trainer=sync-gradients train.tbptt-length=0"
  "block momentum 0.5|train.block-momentum=0.5"
  "block momentum 0.7|train.block-momentum=0.7"
  "block momentum 0.9|train.block-momentum=0.9"
  "summed updates (update-scale 2)|train.update-scale=2"
  "cosine schedule, 20 warm-up rounds|train.lr-schedule=cosine train.warmup-rounds=20"
)
for v in "${variants[@]}"; do
  name="${v%%|*}"
  sets=()
  for s in ${v#*|}; do sets+=(--set "$s"); done
  dir="$out/$(echo "$name" | tr -c 'a-z0-9' '-')"
  bin/spark-lstm train --config conf/quickstart.conf --set output.path="$dir" --overwrite "${sets[@]}" > "$dir.log" 2>&1
  bits=$(grep -o 'validation loss [0-9.]* (perplexity [0-9.]*, [0-9.]* bits/char)' "$dir.log" \
    | sed 's/.*, \([0-9.]*\) bits.*/\1/' | paste -sd' ')
  rate=$(grep -o '^training: [0-9,]* tokens/s' "$dir.log" | grep -o '[0-9,]*')
  echo "| $name | $bits | $rate |"
done
