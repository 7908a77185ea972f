#!/usr/bin/env bash
# Training tokens/s of word-level language models, ours against the PyTorch reference, without a whole epoch: PyTorch
# in its throughput mode (10 warm-up minibatches, then the median of 4 rounds of 10), ours as the tokens/s its
# progress line reports after ROUNDS averaging rounds (the run is then stopped; the first round's start-up is
# included). Same corpus, vocabulary and shape; our cases are conf/lm-word.conf with the full, the sampled (1,024
# negatives) and the adaptive softmax (a head of 2,000 ids, then one cluster up to 10,000 and one for the rest).
#   bench/word-lm-throughput.sh INPUT MAX_VOCABULARY [SHAPE] [OUTPUT_DIR] [ROUNDS]
#   SHAPE: small (2 x LSTM 200, embedding 200, sequence 20, no dropout; the default) or medium (Zaremba et al.
#   2014: 2 x LSTM 650, embedding 650, sequence 35, dropout 0.5)
#   needs /usr/bin/python3 with torch (apt-get install -y python3-torch libopenblas0-pthread)
set -euo pipefail
cd "$(dirname "$0")/.."
input="$1"
vocabulary="$2"
shape="${3:-small}"
out="${4:-runs/word-lm-throughput}"
rounds="${5:-12}"
mkdir -p "$out"
python="${PYTHON:-/usr/bin/python3}"
case "$shape" in
  small) size=200; sequence=20; dropout=0.0 ;;
  medium) size=650; sequence=35; dropout=0.5 ;;
  *) echo "SHAPE: small or medium" >&2; exit 2 ;;
esac

echo "| case | vocabulary | shape | training tokens/s |"
echo "|---|---|---|---|"
OMP_NUM_THREADS=2 "$python" bench/pytorch_reference.py --input "$input" --epochs 0 --threads 2 --tokenizer word \
  --lowercase 1 --max-vocabulary "$vocabulary" --sequence "$sequence" --batch 20 --embedding "$size" \
  --hidden "$size" --layers 2 --lr 0.002 --clip 5 --tbptt "$sequence" > "$out/pytorch-$shape.log" 2>&1
rate=$(sed -n 's/^BENCH-RESULT .*"tokens_per_second": \([0-9.]*\).*/\1/p' "$out/pytorch-$shape.log")
printf "| PyTorch CPU, 2 threads, full softmax (no dropout) | %s | %s | %.0f |\n" "$vocabulary" "$shape" "$rate"

cutoffs=2000
[ "$vocabulary" -gt 10000 ] && cutoffs=2000,10000
for softmax in full sampled adaptive; do
  log="$out/ours-$shape-$softmax.log"
  bin/spark-lstm train --config conf/lm-word.conf --set input.path="$input" \
    --set tokenizer.max-vocabulary="$vocabulary" --set output.path="$out/run-$shape-$softmax" --overwrite \
    --set model.embedding="$size" --set model.hidden="$size" --set model.dropout="$dropout" \
    --set sequence.length="$sequence" --set sequence.stride="$sequence" --set train.tbptt-length="$sequence" \
    --set model.softmax="$softmax" --set model.softmax-samples=1024 --set model.softmax-cutoffs="$cutoffs" \
    > "$log" 2>&1 &
  run=$!
  until grep -q "round $rounds/" "$log" 2>/dev/null || ! kill -0 $run 2>/dev/null; do sleep 2; done
  kill $run 2>/dev/null || true
  wait $run 2>/dev/null || true
  rate=$(grep "round $rounds/" "$log" | sed -n 's/.*  \([0-9,]*\) tokens\/s.*/\1/p')
  echo "| ours, conf/lm-word.conf, $softmax softmax (dropout $dropout) | $vocabulary | $shape | $rate |"
done
