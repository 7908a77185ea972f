#!/usr/bin/env python3
"""Splits the worker threads' JFR samples of a training run into where the time goes.

    JAVA_OPTS="-XX:StartFlightRecording=filename=round.jfr,settings=profile" \
      bin/spark-lstm bench-case averaging:2:5:20:1.0 --config conf/bench-lm.conf
    jfr print --stack-depth 80 --events jdk.ExecutionSample round.jfr > exec.txt
    jfr print --stack-depth 80 --events jdk.NativeMethodSample round.jfr > native.txt
    python3 bench/jfr_worker_profile.py exec.txt native.txt

Java samples (jdk.ExecutionSample) and samples in native code (jdk.NativeMethodSample) of threads
inside MinibatchFitter.fit are counted by category.
"""
import collections
import re
import sys


def worker_samples(path, event):
    return [s for s in open(path).read().split(event)[1:] if "MinibatchFitter.fit" in s]


def main(exec_path, native_path):
    categories = collections.Counter()
    for path, event in [(exec_path, "jdk.ExecutionSample"), (native_path, "jdk.NativeMethodSample")]:
        for sample in worker_samples(path, event):
            frames = re.findall(r"^\s+([\w$.<>]+)\(", sample, re.M)
            stack = " ".join(frames).lower()
            if "gemm" in stack or "mmul" in stack:
                category = "matrix multiply (gemm / mmul)"
            elif event == "jdk.NativeMethodSample":
                category = "other native ops: " + frames[0].split(".")[-1]
            elif "minibatchencoder" in stack:
                category = "Java: encoding minibatches"
            else:
                category = "Java: ND4J/DL4J array and op bookkeeping"
            categories[category] += 1
    total = sum(categories.values())
    print(f"worker-thread samples: {total}")
    for category, count in categories.most_common(12):
        print(f"{100 * count / total:5.1f}%  {category}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
