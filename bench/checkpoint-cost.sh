#!/usr/bin/env bash
# What checkpoints cost: training tokens/s of the reference model on Persuasion without checkpoints and
# with one every 2 averaging rounds (each epoch has 7), 3 runs each (medians), and the size of one checkpoint.
#   bench/checkpoint-cost.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="$root/runs/bench-checkpoints"
rm -rf "$work" && mkdir -p "$work"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "| checkpoint-every | training tokens/s (runs) | median | job wall seconds (runs) | median | checkpoints written | size of one |"
echo "|---|---|---|---|---|---|---|"
for every in 0 2; do
  rates=()
  walls=()
  for run in 1 2 3; do
    out="$work/every-$every-$run"
    start=$(date +%s.%N)
    bin/spark-lstm train --config conf/lm-char.conf --set input.path=data-samples/austen-persuasion.txt \
      --set output.path="$out" --set train.epochs=1 --set train.checkpoint-every="$every" > "$out.log" 2>&1
    walls+=("$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')")
    rates+=("$(grep -o "training: [0-9,]* tokens/s" "$out.log" | awk '{gsub(",", "", $2); print $2}')")
  done
  rounds=$(grep -o "round [0-9]*/[0-9]*" "$out.log" | tail -1 | cut -d/ -f2)
  written=$(( every > 0 ? (rounds - 1) / every + 1 : 0 ))  # mid-epoch ones, then the epoch end
  size=$( [ "$every" -gt 0 ] && du -sh "$out"/checkpoints/epoch-* | cut -f1 || echo "-")
  echo "| $every | ${rates[*]} | $(printf '%s\n' "${rates[@]}" | median) | ${walls[*]} | $(printf '%s\n' "${walls[@]}" | median) | $written | $size |"
done
