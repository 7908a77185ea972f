#!/usr/bin/env bash
# Word-level language models in one run, on the same corpus and shape: the PyTorch reference
# (bench/pytorch_reference.py: CPU, 2 threads, full softmax, state carried) and ours (2 workers on local[2]) with
# each softmax option, one epoch each: 2 x LSTM 200, embedding 200, sequence 20, batch 20, Adam 2e-3, clip 5,
# lowercased words, the MAX_VOCABULARY most frequent tokens, an <eos> at each line end. Per case: training
# tokens/s, the peak resident memory of the whole process, and the validation perplexity after the epoch.
#   bench/word-lm.sh [INPUT] [MAX_VOCABULARY] [OUTPUT_DIR] [EPOCHS]
#   defaults: data-samples/sotu.txt.gz, 10000, runs/word-lm, 1
#   needs /usr/bin/python3 with torch (apt-get install -y python3-torch libopenblas0-pthread) and GNU time
# A case whose log is already in OUTPUT_DIR is reported from it, not run again.
set -euo pipefail
cd "$(dirname "$0")/.."
input="${1:-data-samples/sotu.txt.gz}"
vocabulary="${2:-10000}"
out="${3:-runs/word-lm}"
epochs="${4:-1}"
mkdir -p "$out"
python="${PYTHON:-/usr/bin/python3}"
peak_mb() { sed -n 's/^\s*Maximum resident set size (kbytes): \([0-9]*\)/\1/p' "$1" | awk '{ printf "%.0f", $1 / 1024 }'; }

if ! grep -q BENCH-RESULT "$out/pytorch.log" 2>/dev/null; then
  OMP_NUM_THREADS=2 /usr/bin/time -v "$python" bench/pytorch_reference.py --input "$input" --epochs "$epochs" \
    --threads 2 --tokenizer word --lowercase 1 --max-vocabulary "$vocabulary" --sequence 20 --batch 20 \
    --embedding 200 --hidden 200 --layers 2 --lr 0.002 --clip 5 --tbptt 20 > "$out/pytorch.log" 2>&1
fi
echo "| case | training tokens/s | peak RSS (MB) | validation perplexity after each epoch |"
echo "|---|---|---|---|"
# "epoch N: S s of training, validation loss L (B bits/token, perplexity P)"; BENCH-RESULT carries tokens/s
rate=$(sed -n 's/^BENCH-RESULT .*"tokens_per_second": \([0-9.]*\).*/\1/p' "$out/pytorch.log")
ppl=$(sed -n 's/^epoch [0-9]*: .*perplexity \([0-9.]*\))$/\1/p' "$out/pytorch.log" | paste -sd' ')
printf "| PyTorch CPU, 2 threads, full softmax | %.0f | %s | %s |\n" "$rate" "$(peak_mb "$out/pytorch.log")" "$ppl"

cases=(
  "ours, conf/lm-word.conf (full softmax)|model.softmax=full"
  "ours, sampled softmax (256)|model.softmax=sampled model.softmax-samples=256"
  "ours, Adam restarted every round|train.adam-state=reset train.block-momentum=0.5"
  "ours, sampled softmax (256), Adam restarted every round|model.softmax=sampled model.softmax-samples=256 train.adam-state=reset train.block-momentum=0.5"
  "ours, Adam restarted every round, 1 worker|train.adam-state=reset train.block-momentum=0.5 train.workers=1")
for c in "${cases[@]}"; do
  name="${c%%|*}"
  sets=()
  for s in ${c#*|}; do sets+=(--set "$s"); done
  dir="$out/$(echo "$name" | tr -c 'a-z0-9' '-')"
  if ! grep -q "^epoch $epochs/$epochs done" "$dir.log" 2>/dev/null; then
    /usr/bin/time -v bin/spark-lstm train --config conf/lm-word.conf --set input.path="$input" \
      --set tokenizer.max-vocabulary="$vocabulary" --set train.epochs="$epochs" --set output.path="$dir" \
      --overwrite "${sets[@]}" > "$dir.log" 2>&1
  fi
  # "epoch N/E done in ...: ... (perplexity P), R tokens/s": the last epoch's rate
  rate=$(sed -n 's|^epoch [0-9]*/[0-9]* done in .*, \([0-9,]*\) tokens/s$|\1|p' "$dir.log" | tail -1 | tr -d ,)
  ppl=$(sed -n 's|^epoch [0-9]*/[0-9]* done in .*(perplexity \([0-9.]*\)).*|\1|p' "$dir.log" | paste -sd' ')
  printf "| %s | %s | %s | %s |\n" "$name" "$rate" "$(peak_mb "$dir.log")" "$ppl"
done
