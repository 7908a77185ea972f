#!/usr/bin/env bash
# Seconds per epoch and the driver's heap (peak after a collection) at 1x, 2x and 4x the corpus (Persuasion repeated),
# with the reference model, on a standalone cluster whose Master, Worker and executors are separate
# JVMs, so the driver's heap is its own. Needs the packaged jar: mvn -B package -DskipTests
#   bench/scaling.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source bin/jvm-options.sh
work="$root/runs/bench-scaling"
rm -rf "$work" && mkdir -p "$work/spark-home/jars"
IFS=: read -r -a jars < jobs/target/spark-runtime-classpath.txt || true  # one line, no newline
for jar in "${jars[@]}"; do ln -s "$jar" "$work/spark-home/jars/"; done
export SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 OMP_NUM_THREADS=1
cp="$SPARK_HOME/jars/*"
port=7177
java -Xmx512m -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port $port --webui-port 18077 \
  > "$work/master.log" 2>&1 &
master=$!
trap 'kill $master ${worker:-} 2>/dev/null || true' EXIT
until grep -qs "elected leader" "$work/master.log"; do sleep 0.5; done
java -Xmx512m -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 --memory 8g \
  --webui-port 18078 "spark://127.0.0.1:$port" > "$work/worker.log" 2>&1 &
worker=$!
until grep -qs "Successfully registered with master" "$work/worker.log"; do sleep 0.5; done

echo "| corpus | characters | seconds per epoch | training tokens/s | driver heap, peak after a collection MB |"
echo "|---|---|---|---|---|"
for k in 1 2 4; do
  corpus="$work/persuasion-x$k.txt"
  for _ in $(seq "$k"); do cat data-samples/austen-persuasion.txt >> "$corpus"; done
  java -Xmx2g "${java17_opens[@]}" -cp "$cp" org.apache.spark.deploy.SparkSubmit --master "spark://127.0.0.1:$port" \
    --class org.sparklstm.jobs.Main --conf spark.executor.memory=6g jobs/target/spark-lstm.jar \
    train --config conf/lm-char.conf --set input.path="$corpus" --set output.path="$work/run-x$k" \
    --set train.epochs=1 > "$work/x$k.log" 2>&1
  epoch=$(grep -o "epoch 1/1 done in [0-9hms]*" "$work/x$k.log" | awk '{print $5}')
  rate=$(grep -o "training: [0-9,]* tokens/s" "$work/x$k.log" | awk '{print $2}')
  heap=$(grep -o "peak after a collection [0-9,]* MB" "$work/x$k.log" | awk '{print $5}')
  echo "| ${k}x | $(wc -c < "$corpus") | $epoch | $rate | $heap |"
done
