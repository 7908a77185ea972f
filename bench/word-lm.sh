#!/usr/bin/env bash
# Word-level language models in one run, on the same corpus and shape: the PyTorch reference
# (bench/pytorch_reference.py: CPU, 2 threads, full softmax, state carried) and ours (2 workers on local[2]) with
# each softmax option, one epoch each: 2 x LSTM 200, embedding 200, sequence 20, batch 20, Adam (PyTorch 2e-3, ours
# conf/lm-word.conf's 3e-3 for two averaged workers), clip 5,
# lowercased words, the MAX_VOCABULARY most frequent tokens, an <eos> at each line end. Per case: training
# tokens/s, the peak resident memory of the whole process, and the validation perplexity after the epoch.
#   bench/word-lm.sh [INPUT] [MAX_VOCABULARY] [OUTPUT_DIR] [EPOCHS]
#   defaults: data-samples/sotu.txt.gz, 10000, runs/word-lm, 1
# Ours runs with a 450 MB driver heap, the smallest Spark starts with (SPARK_LSTM_DRIVER_MEMORY overrides it).
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
echo "| case | training tokens/s | peak RSS (MB) | validation perplexity after each epoch | each epoch's time |"
echo "|---|---|---|---|---|"
# "epoch N: S s of training, validation loss L (B bits/token, perplexity P)"; BENCH-RESULT carries tokens/s
rate=$(sed -n 's/^BENCH-RESULT .*"tokens_per_second": \([0-9.]*\).*/\1/p' "$out/pytorch.log")
ppl=$(sed -n 's/^epoch [0-9]*: .*perplexity \([0-9.]*\))$/\1/p' "$out/pytorch.log" | paste -sd' ')
# PyTorch prints the training seconds so far at each epoch's end
secs=$(sed -n 's/^epoch [0-9]*: \([0-9.]*\) s of training.*/\1 s/p' "$out/pytorch.log" | paste -sd' ')
printf "| PyTorch CPU, 2 threads, full softmax | %.0f | %s | %s | %s (training so far) |\n" "$rate" \
  "$(peak_mb "$out/pytorch.log")" "$ppl" "$secs"

# ours with each softmax option; "epochs=N" in a case trains N epochs (for equal wall time), the others EPOCHS
cases=(
  "ours, conf/lm-word.conf (adaptive softmax, cutoff 2,000), the epochs that fit in 15 minutes|epochs=3"
  "ours, full softmax|model.softmax=full"
  "ours, sampled softmax (256)|model.softmax=sampled model.softmax-samples=256")
for c in "${cases[@]}"; do
  name="${c%%|*}"
  sets=()
  n="$epochs"
  for s in ${c#*|}; do
    case "$s" in
      epochs=*) n="${s#epochs=}" ;;
      *) sets+=(--set "$s") ;;
    esac
  done
  dir="$out/$(echo "$name" | tr -c 'a-z0-9' '-')"
  if ! grep -q "^epoch $n/$n done" "$dir.log" 2>/dev/null; then
    SPARK_LSTM_DRIVER_MEMORY="${SPARK_LSTM_DRIVER_MEMORY:-450m}" /usr/bin/time -v bin/spark-lstm train \
      --config conf/lm-word.conf --set input.path="$input" --set tokenizer.max-vocabulary="$vocabulary" \
      --set train.epochs="$n" --set output.path="$dir" --overwrite "${sets[@]}" > "$dir.log" 2>&1
  fi
  # "epoch N/E done in ...: ... (perplexity P), R tokens/s": the last epoch's rate; each epoch's perplexity and
  # the training seconds its end came at
  rate=$(sed -n 's|^epoch [0-9]*/[0-9]* done in .*, \([0-9,]*\) tokens/s$|\1|p' "$dir.log" | tail -1 | tr -d ,)
  ppl=$(sed -n 's|^epoch [0-9]*/[0-9]* done in .*(perplexity \([0-9.]*\)).*|\1|p' "$dir.log" | paste -sd' ')
  took=$(sed -n 's|^epoch [0-9]*/[0-9]* done in \([0-9ms]*\):.*|\1|p' "$dir.log" | paste -sd' ')
  printf "| %s | %s | %s | %s | %s (each, validation included) |\n" "$name" "$rate" "$(peak_mb "$dir.log")" \
    "$ppl" "$took"
done
