#!/usr/bin/env python3
"""Reference PyTorch implementation of spark-lstm's character language model, for `bin/spark-lstm bench`.

Same data preparation as spark-lstm (one <eos> before each document, every line ends with a newline,
ids by descending count then character, windows of sequence+1 characters with stride `sequence`,
the last `validation-fraction` of the stream held out), same network (embedding -> stacked LSTM ->
linear softmax), Adam, clipping of the global gradient norm, truncated BPTT. Trains warm-up steps,
then `rounds` timed rounds of `steps-per-round` minibatches, and prints one line
`BENCH-RESULT {json}` with the median tokens/s, the validation loss on the first
`validation-windows` validation windows, and the peak resident memory.

Install (Debian 12): apt-get install -y python3-torch libopenblas0-pthread
(libopenblas0-pthread keeps PyTorch off the slow reference BLAS). Run with /usr/bin/python3.
"""
import argparse
import collections
import gzip
import json
import resource
import time

import torch
import torch.nn as nn


def read_text(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return f.read()


def encode(text):
    lines = text.splitlines()
    counts = collections.Counter()
    for line in lines:
        counts.update(line)
    counts["\n"] += len(lines)
    tokens = ["<unk>", "<eos>"] + sorted(counts, key=lambda t: (-counts[t], t))
    ids = {t: i for i, t in enumerate(tokens)}
    stream = [1]
    for line in lines:
        stream.extend(ids[c] for c in line)
        stream.append(ids["\n"])
    return tokens, torch.tensor(stream, dtype=torch.long)


def windows(stream, start, end, length):
    starts = range(start, end - length, length)
    return torch.stack([stream[s:s + length + 1] for s in starts])


class CharLstm(nn.Module):
    def __init__(self, vocab, embedding, hidden, layers):
        super().__init__()
        self.embed = nn.Embedding(vocab, embedding)
        self.lstm = nn.LSTM(embedding, hidden, layers, batch_first=True)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, x, state=None):
        y, state = self.lstm(self.embed(x), state)
        return self.out(y), state


def fit_batch(model, optimizer, batch, tbptt, clip, loss_fn):
    x, y = batch[:, :-1], batch[:, 1:]
    state = None
    for t in range(0, x.size(1), tbptt):
        logits, state = model(x[:, t:t + tbptt], state)
        state = tuple(s.detach() for s in state)
        loss = loss_fn(logits.reshape(-1, logits.size(-1)), y[:, t:t + tbptt].reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), clip)
        optimizer.step()


def main():
    p = argparse.ArgumentParser()
    for name, kind, default in [("input", str, None), ("sequence", int, 100), ("batch", int, 64),
                                ("embedding", int, 64), ("hidden", int, 256), ("layers", int, 2),
                                ("lr", float, 0.002), ("clip", float, 5.0), ("tbptt", int, 100),
                                ("warmup-steps", int, 10), ("steps-per-round", int, 10), ("rounds", int, 4),
                                ("validation-fraction", float, 0.1), ("validation-windows", int, 400),
                                ("threads", int, 2), ("seed", int, 42)]:
        p.add_argument("--" + name, type=kind, default=default, required=default is None)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    tokens, stream = encode(read_text(a.input))
    boundary = int(len(stream) * (1 - a.validation_fraction))
    train = windows(stream, 0, boundary, a.sequence)
    valid = windows(stream, boundary, len(stream), a.sequence)[:a.validation_windows]
    tbptt = a.tbptt if a.tbptt > 0 else a.sequence

    model = CharLstm(len(tokens), a.embedding, a.hidden, a.layers)
    optimizer = torch.optim.Adam(model.parameters(), lr=a.lr)
    loss_fn = nn.CrossEntropyLoss()
    order = torch.randperm(len(train))
    batches = (train[order[i:i + a.batch]] for i in range(0, len(order), a.batch))
    trained = 0
    for _ in range(a.warmup_steps):
        b = next(batches)
        fit_batch(model, optimizer, b, tbptt, a.clip, loss_fn)
        trained += b.numel() - b.size(0)
    rates = []
    for _ in range(a.rounds):
        start, tokens_in_round = time.perf_counter(), 0
        for _ in range(a.steps_per_round):
            b = next(batches)
            fit_batch(model, optimizer, b, tbptt, a.clip, loss_fn)
            tokens_in_round += b.numel() - b.size(0)
        rates.append(tokens_in_round / (time.perf_counter() - start))
        trained += tokens_in_round
    model.eval()
    with torch.no_grad():
        total, count = 0.0, 0
        for i in range(0, len(valid), 128):
            v = valid[i:i + 128]
            logits, _ = model(v[:, :-1])
            total += nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), v[:, 1:].reshape(-1),
                                                 reduction="sum").item()
            count += v[:, 1:].numel()
    rates.sort()
    n = len(rates)
    median = rates[n // 2] if n % 2 else (rates[n // 2 - 1] + rates[n // 2]) / 2
    print("BENCH-RESULT " + json.dumps({
        "tokens_per_second": median, "rounds": n, "round_tokens_per_second": rates, "training_tokens": trained,
        "validation_loss": total / count, "validation_tokens": count,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
