#!/usr/bin/env bash
# Time to quality on the reference config (conf/lm-char.conf: 2 x LSTM 256, sequence 100, batch 64) over the
# first 1 MB of Austen, in one run: the stateful PyTorch reference (bench/pytorch_reference.py, CPU, 2 threads)
# trains 3 epochs, then each of our trainers does. For every case: the validation bits/char after epochs 1-3,
# the training seconds they took (validation excluded), and the training seconds until the validation loss
# first reaches PyTorch's after epoch 1 (checked at epoch ends).
#   bench/time-to-quality.sh [OUTPUT_DIR]        needs /usr/bin/python3 with torch: apt-get install -y python3-torch libopenblas0-pthread
#   (without OpenBLAS, PyTorch falls back to the reference BLAS and runs about 5x slower)
# A case whose log is already in OUTPUT_DIR (PyTorch's too) is reported from it, not run again.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-runs/time-to-quality}"
mkdir -p "$out"
input="$out/austen-1mb.txt"
head -c 1000000 < <(zcat data-samples/austen.txt.gz) > "$input"
python="${PYTHON:-/usr/bin/python3}"
if ! grep -q BENCH-RESULT "$out/pytorch.log" 2>/dev/null; then
  OMP_NUM_THREADS=2 "$python" bench/pytorch_reference.py --input "$input" --epochs 3 --threads 2 \
    --sequence 100 --batch 64 --embedding 64 --hidden 256 --layers 2 --lr 0.002 --clip 5 --tbptt 100 \
    > "$out/pytorch.log"
fi
# "epoch N: S s of training, validation loss L (B bits/char)"
ref_loss=$(sed -n 's/^epoch 1: .*validation loss \([0-9.]*\).*/\1/p' "$out/pytorch.log")
report() {  # name, then lines "epoch seconds loss"
  local name="$1" reached="not reached" bits="" secs=""
  while read -r epoch seconds loss; do
    bits="$bits $(awk -v l="$loss" 'BEGIN { printf "%.3f", l / log(2) }')"
    secs="$secs $seconds"
    if [ "$reached" = "not reached" ] && awk -v l="$loss" -v r="$ref_loss" 'BEGIN { exit !(l <= r) }'; then
      reached="$seconds s (epoch $epoch)"
    fi
  done
  echo "| $name |$bits |$secs | $reached |"
}
echo "| case | validation bits/char after epochs 1, 2, 3 | training seconds at their end | reaches PyTorch's epoch-1 loss $ref_loss |"
echo "|---|---|---|---|"
sed -n 's/^epoch \([0-9]*\): \([0-9.]*\) s of training, validation loss \([0-9.]*\).*/\1 \2 \3/p' "$out/pytorch.log" \
  | report "PyTorch CPU, 2 threads, stateful"
variants=(
  "ours: conf/lm-char.conf as it is, 2 workers|"
  "ours: plain averaging (Adam moments averaged, no block momentum)|train.adam-state=averaged train.block-momentum=0"
  "ours: conf/lm-char.conf with global-norm clipping|train.clip-mode=global"
  "ours: sync-gradients, 2 workers x 32 (one update per 64 windows), in blocks as conf/lm-char.conf|train.trainer=sync-gradients train.global-batch-size=64")
for v in "${variants[@]}"; do
  name="${v%%|*}"
  sets=()
  for s in ${v#*|}; do sets+=(--set "$s"); done
  dir="$out/$(echo "$name" | tr -c 'a-z0-9' '-')"
  if ! grep -q "^epoch 3/3 done" "$dir.log" 2>/dev/null; then
    bin/spark-lstm train --config conf/lm-char.conf --set input.path="$input" --set train.epochs=3 \
      --set output.path="$dir" --overwrite "${sets[@]}" > "$dir.log" 2>&1
  fi
  # "epoch N/3 done in XmYs: ... validation loss L (...)": seconds summed over the epochs
  sed -n 's|^epoch \([0-9]*\)/[0-9]* done in \([0-9]*\)m\([0-9]*\)s: .*validation loss \([0-9.]*\) .*|\1 \2 \3 \4|p' \
    "$dir.log" | awk '{ total += $2 * 60 + $3; print $1, total, $4 }' | report "$name"
done
