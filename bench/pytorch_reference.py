#!/usr/bin/env python3
"""Reference PyTorch implementation of spark-lstm's character and word language models, for `bin/spark-lstm bench`.

Same data preparation as spark-lstm (one <eos> before each document; every line ends with a newline token (char)
or <eos> (`--tokenizer word`: lowercased with `--lowercase 1`, `--max-vocabulary`, `--min-count`); ids by
descending count then token, windows of sequence+1 tokens with stride `sequence`,
the last `validation-fraction` of the stream held out), same network (embedding -> stacked LSTM ->
linear softmax), Adam, clipping of the global gradient norm, truncated BPTT.

Stateful by default, as spark-lstm's `train.stateful`: the training windows are laid out as `batch` contiguous
rows, minibatch j holds the j-th window of every row, and each window starts from the state its row's previous
window ended in (detached: gradients stop at the window's edge); every epoch starts from zeros. Validation is
scored the same way, in rows of 128. `--stateful 0` shuffles the windows and starts each from zeros.

Two modes, each printing one line `BENCH-RESULT {json}`:
- throughput (default): warm-up steps, then `rounds` timed rounds of `steps-per-round` minibatches; the median
  tokens/s, the validation loss on the first `validation-windows` validation windows, the peak resident memory;
- `--epochs N`: N whole epochs, each followed by scoring all validation windows; per epoch the training seconds
  so far (scoring excluded) and the validation loss: the time-to-quality reference.

Install (Debian 12): apt-get install -y python3-torch libopenblas0-pthread
(libopenblas0-pthread keeps PyTorch off the slow reference BLAS). Run with /usr/bin/python3.
"""
import argparse
import collections
import gzip
import json
import math
import re
import resource
import time

import torch
import torch.nn as nn


def read_text(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return f.read()


WORD = re.compile(r"\w+|[^\w\s]")


def encode(text, tokenizer="char", lowercase=False, max_vocabulary=0, min_count=1):
    """As spark-lstm: char (a newline token ends each line) or word (matches of `\\w+|[^\\w\\s]`, an <eos> ends
    each line); ids <unk>, <eos>, then by descending count, then token; at most max_vocabulary ids (0: all)."""
    lines = text.splitlines()
    if tokenizer == "char":
        split, line_end = list, "\n"
    else:
        split, line_end = (lambda line: WORD.findall(line.lower() if lowercase else line)), "<eos>"
    tokenized = [split(line) for line in lines]
    counts = collections.Counter()
    for line in tokenized:
        counts.update(line)
    if line_end != "<eos>":
        counts[line_end] += len(lines)
    kept = sorted((t for t in counts if counts[t] >= min_count and t not in ("<unk>", "<eos>")),
                  key=lambda t: (-counts[t], t))
    tokens = ["<unk>", "<eos>"] + kept
    if max_vocabulary > 0:
        tokens = tokens[:max_vocabulary]
    ids = {t: i for i, t in enumerate(tokens)}
    stream = [1]
    for line in tokenized:
        stream.extend(ids.get(t, 0) for t in line)
        stream.append(ids[line_end])
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


def fit_batch(model, optimizer, batch, tbptt, clip, loss_fn, state=None):
    """Fits one minibatch from `state` (None: zeros); returns the detached state it ends in."""
    x, y = batch[:, :-1], batch[:, 1:]
    for t in range(0, x.size(1), tbptt):
        logits, state = model(x[:, t:t + tbptt], state)
        state = tuple(s.detach() for s in state)
        loss = loss_fn(logits.reshape(-1, logits.size(-1)), y[:, t:t + tbptt].reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), clip)
        optimizer.step()
    return state


def as_rows(windows_, rows):
    """Windows (consecutive in the stream) as `rows` contiguous rows: [rows, windows per row, window]."""
    per_row = len(windows_) // rows
    return windows_[:rows * per_row].view(rows, per_row, windows_.size(1))


def epoch_batches(train, batch, stateful):
    """One epoch's minibatches: the rows' j-th windows (stateful), or a shuffle."""
    if stateful:
        rows = as_rows(train, batch)
        return [rows[:, j, :] for j in range(rows.size(1))]
    order = torch.randperm(len(train))
    return [train[order[i:i + batch]] for i in range(0, len(order), batch)]


def validation_loss(model, valid, stateful):
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        if stateful:
            rows = as_rows(valid, min(128, len(valid)))
            state = None
            for j in range(rows.size(1)):
                v = rows[:, j, :]
                logits, state = model(v[:, :-1], state)
                total += nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), v[:, 1:].reshape(-1),
                                                     reduction="sum").item()
                count += v[:, 1:].numel()
        else:
            for i in range(0, len(valid), 128):
                v = valid[i:i + 128]
                logits, _ = model(v[:, :-1])
                total += nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), v[:, 1:].reshape(-1),
                                                     reduction="sum").item()
                count += v[:, 1:].numel()
    model.train()
    return total / count, count


def train_epochs(model, optimizer, train, valid, a, tbptt, loss_fn):
    """--epochs: whole epochs, the validation loss after each, and the training seconds so far."""
    epochs, seconds, tokens = [], 0.0, 0
    for epoch in range(1, a.epochs + 1):
        start = time.perf_counter()
        state = None
        for b in epoch_batches(train, a.batch, a.stateful):
            state = fit_batch(model, optimizer, b, tbptt, a.clip, loss_fn, state if a.stateful else None)
            tokens += b.numel() - b.size(0)
            if a.validate_at_seconds > 0 and seconds + time.perf_counter() - start >= a.validate_at_seconds:
                # once, mid-epoch: what the model gives after that much training time (for equal-time comparisons)
                at = seconds + time.perf_counter() - start
                loss, _ = validation_loss(model, valid, a.stateful)
                print("after %.1f s of training (%d tokens): validation loss %.4f (perplexity %.1f)"
                      % (at, tokens, loss, math.exp(loss)), flush=True)
                a.validate_at_seconds, start, seconds = 0, time.perf_counter(), at
        seconds += time.perf_counter() - start
        loss, count = validation_loss(model, valid, a.stateful)
        epochs.append({"epoch": epoch, "train_seconds": seconds, "validation_loss": loss, "validation_tokens": count})
        print("epoch %d: %.1f s of training, validation loss %.4f (%.3f bits/token, perplexity %.1f)"
              % (epoch, seconds, loss, loss / 0.6931471805599453, math.exp(loss)), flush=True)
    return {"epochs": epochs, "tokens_per_second": tokens / seconds, "training_tokens": tokens}


def main():
    p = argparse.ArgumentParser()
    for name, kind, default in [("input", str, None), ("sequence", int, 100), ("batch", int, 64),
                                ("embedding", int, 64), ("hidden", int, 256), ("layers", int, 2),
                                ("lr", float, 0.002), ("clip", float, 5.0), ("tbptt", int, 100),
                                ("warmup-steps", int, 10), ("steps-per-round", int, 10), ("rounds", int, 4),
                                ("validation-fraction", float, 0.1), ("validation-windows", int, 400),
                                ("threads", int, 2), ("seed", int, 42), ("stateful", int, 1), ("epochs", int, 0),
                                ("tokenizer", str, "char"), ("lowercase", int, 0), ("max-vocabulary", int, 0),
                                ("min-count", int, 1), ("validate-at-seconds", float, 0)]:
        p.add_argument("--" + name, type=kind, default=default, required=default is None)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    tokens, stream = encode(read_text(a.input), a.tokenizer, bool(a.lowercase), a.max_vocabulary, a.min_count)
    boundary = int(len(stream) * (1 - a.validation_fraction))
    train = windows(stream, 0, boundary, a.sequence)
    valid = windows(stream, boundary, len(stream), a.sequence)
    tbptt = a.tbptt if a.tbptt > 0 else a.sequence

    model = CharLstm(len(tokens), a.embedding, a.hidden, a.layers)
    optimizer = torch.optim.Adam(model.parameters(), lr=a.lr)
    loss_fn = nn.CrossEntropyLoss()
    info = {"torch": torch.__version__, "threads": torch.get_num_threads(), "stateful": bool(a.stateful),
            "vocabulary": len(tokens), "training_stream_tokens": boundary}
    if a.epochs > 0:
        result = train_epochs(model, optimizer, train, valid, a, tbptt, loss_fn)
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        print("BENCH-RESULT " + json.dumps({**result, **info}))
        return
    batches = (b for _ in iter(int, 1) for b in epoch_batches(train, a.batch, a.stateful))
    trained, state = 0, None
    for _ in range(a.warmup_steps):
        b = next(batches)
        state = fit_batch(model, optimizer, b, tbptt, a.clip, loss_fn, state if a.stateful else None)
        trained += b.numel() - b.size(0)
    rates = []
    for _ in range(a.rounds):
        start, tokens_in_round = time.perf_counter(), 0
        for _ in range(a.steps_per_round):
            b = next(batches)
            state = fit_batch(model, optimizer, b, tbptt, a.clip, loss_fn, state if a.stateful else None)
            tokens_in_round += b.numel() - b.size(0)
        rates.append(tokens_in_round / (time.perf_counter() - start))
        trained += tokens_in_round
    loss, count = validation_loss(model, valid[:a.validation_windows], a.stateful)
    rates.sort()
    n = len(rates)
    median = rates[n // 2] if n % 2 else (rates[n // 2 - 1] + rates[n // 2]) / 2
    print("BENCH-RESULT " + json.dumps({
        "tokens_per_second": median, "rounds": n, "round_tokens_per_second": rates, "training_tokens": trained,
        "validation_loss": loss, "validation_tokens": count,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, **info}))


if __name__ == "__main__":
    main()
