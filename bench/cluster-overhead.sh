#!/usr/bin/env bash
# The share of a training epoch spent outside the workers' fit (broadcast, aggregation, scheduling) on a
# standalone cluster of separate JVMs on this machine (bin/local-cluster) with 2, 4 and 8 one-core Workers:
# the reference config (conf/lm-char.conf) over the first 1 MB of Austen, one worker per Worker, two epochs,
# of which the second is measured (the first includes each executor's start: class loading, ND4J, JIT).
# More Workers than cores share the cores: each worker's fit then takes longer, the round's communication not.
#   bench/cluster-overhead.sh [OUTPUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-runs/cluster-overhead}"
mkdir -p "$out"
input="$out/austen-1mb.txt"
head -c 1000000 < <(zcat data-samples/austen.txt.gz) > "$input"
trap 'bin/local-cluster stop > /dev/null' EXIT
echo "| Workers | rounds per epoch | epoch 2: training seconds | outside the workers' fit | seconds per round outside the fit |"
echo "|---|---|---|---|---|"
for n in 2 4 8; do
  bin/local-cluster stop > /dev/null
  SPARK_LSTM_WORKER_MEMORY=2g SPARK_LSTM_EXECUTOR_MEMORY=1500m bin/local-cluster start "$n" > "$out/cluster-$n.log"
  bin/local-cluster submit train --config conf/lm-char.conf --set input.path="$input" --set train.epochs=2 \
    --set train.workers="$n" --set output.path="$out/run-$n" --overwrite > "$out/train-$n.log" 2>&1
  # "epoch 2/2 done in 1m23s: ...", the rounds from the progress lines "round k/N", the share from the summary
  seconds=$(sed -n 's/^epoch 2\/2 done in \([0-9]*\)m\([0-9]*\)s.*/\1 \2/p' "$out/train-$n.log" | awk '{print $1 * 60 + $2}')
  rounds=$(grep -o 'round [0-9]*/[0-9]*' "$out/train-$n.log" | tail -n 1 | cut -d/ -f2)
  share=$(sed -n 's/.*, \([0-9.]*\)% of the last epoch outside the workers.*/\1/p' "$out/train-$n.log")
  awk -v n="$n" -v r="$rounds" -v s="$seconds" -v p="$share" \
    'BEGIN { printf "| %d | %d | %d | %.1f%% | %.2f |\n", n, r, s, p, s * p / 100 / r }'
done
