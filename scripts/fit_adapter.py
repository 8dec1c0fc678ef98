#!/usr/bin/env python3
"""Fits the meaning adapter (src/answer/adapter.rs) on the tuned sets.

    standardiste bench answers --faq-vectors /tmp/vectors.txt
    python3 scripts/fit_adapter.py /tmp/vectors.txt [--check]

The encoder's vector of a caller's question is turned by a matrix W (then normalised) before it
is compared with the example questions of the town's FAQ. W starts as the identity and is fitted
by full-batch Adam on the tuned sets only (frozen sets are never written to the vectors file):
for each FAQ question of a tuned town, a softmax over that town's entries (each scored by its
closest example question) and "none of them" (a fixed cosine, NONE) should pick the expected
entry; for each unanswerable question, "none of them". Writes
src/answer/meaning_adapter.f32 (little-endian f32, row-major). With --check, first prints how
it carries to towns it was not fitted on: fitted on half the towns, top-1 on the other half,
and the reverse. With --halves DIR, also writes those two half adapters to DIR (a.f32 fitted on
the sets listed in DIR/a.txt, b.f32 on DIR/b.txt), so that the chooser's features can be taken
for each half with the adapter fitted on the other one (see scripts/fit_chooser.py): its weights
then learn how far the adapter carries to unseen towns, not how well it fits the tuned ones.
Needs numpy.
"""
import os
import sys
from collections import defaultdict

import numpy as np

DIM = 384
TEMPERATURE = 20.0
LEARNING_RATE = 0.001
EPOCHS = 60
# The score of "none of them": unanswerable questions are kept below it, answerable ones above.
NONE = 0.85
OUT = "src/answer/meaning_adapter.f32"


def load(path):
    """Per set: the phrasing vectors with their entry's index, the questions' vectors and expected index."""
    sets = defaultdict(lambda: {"ids": [], "own": [], "P": [], "Q": [], "y": []})
    for line in open(path):
        kind, name, label, vec = line.rstrip("\n").split("\t")
        s = sets[name]
        v = np.array(vec.split(), dtype=np.float64)
        if kind == "P":
            if label not in s["ids"]:
                s["ids"].append(label)
            s["own"].append(s["ids"].index(label))
            s["P"].append(v)
        elif label in s["ids"] or label == "-":
            s["Q"].append(v)
            s["y"].append(s["ids"].index(label) if label != "-" else -1)
    out = []
    for name, s in sets.items():
        if not s["Q"]:
            continue
        P = np.array(s["P"])
        out.append({"name": name, "P": P / np.linalg.norm(P, axis=1, keepdims=True), "own": np.array(s["own"]), "n": len(s["ids"]), "Q": np.array(s["Q"]), "y": np.array(s["y"])})
    return out


def scores(d, W):
    """Per question and entry: the best cosine of the turned question to the entry's phrasings."""
    U = d["Q"] @ W.T
    U /= np.linalg.norm(U, axis=1, keepdims=True)
    C = U @ d["P"].T
    S = np.full((len(U), d["n"]), -1.0)
    arg = np.zeros((len(U), d["n"]), dtype=int)
    for f in range(d["n"]):
        idx = np.where(d["own"] == f)[0]
        S[:, f] = C[:, idx].max(1)
        arg[:, f] = idx[C[:, idx].argmax(1)]
    return S, arg, U


def top1(sets, W):
    """Answerable questions whose closest entry is the expected one, of all answerable ones."""
    right = sum(int((scores(d, W)[0].argmax(1) == d["y"])[d["y"] >= 0].sum()) for d in sets)
    return right, sum(int((d["y"] >= 0).sum()) for d in sets)


def fit(sets):
    W = np.eye(DIM)
    m, v = np.zeros_like(W), np.zeros_like(W)
    for t in range(1, EPOCHS + 1):
        G, n = np.zeros_like(W), 0
        for d in sets:
            S, arg, U = scores(d, W)
            Z = TEMPERATURE * np.concatenate([S, np.full((len(S), 1), NONE)], 1)
            Z -= Z.max(1, keepdims=True)
            Pr = np.exp(Z)
            Pr /= Pr.sum(1, keepdims=True)
            Pr[np.arange(len(d["y"])), np.where(d["y"] >= 0, d["y"], d["n"])] -= 1
            Pr = Pr[:, :-1]
            gh = TEMPERATURE * np.einsum("qf,qfd->qd", Pr, d["P"][arg])
            raw = np.linalg.norm(d["Q"] @ W.T, axis=1, keepdims=True)
            gu = (gh - (gh * U).sum(1, keepdims=True) * U) / raw
            G += gu.T @ d["Q"]
            n += len(d["y"])
        G /= n
        m = 0.9 * m + 0.1 * G
        v = 0.999 * v + 0.001 * G * G
        W = W - LEARNING_RATE * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return W


def main():
    sets = load(sys.argv[1])
    I = np.eye(DIM)
    halves_dir = sys.argv[sys.argv.index("--halves") + 1] if "--halves" in sys.argv else None
    if halves_dir:
        os.makedirs(halves_dir, exist_ok=True)
    if "--check" in sys.argv or halves_dir:
        # Sets of one town (the sample and its dev set) fall in one half: they are listed in order.
        halves = (sets[::2], sets[1::2])
        for (a, b), tag in zip((halves, halves[::-1]), "ab"):
            W = fit(a)
            base, n = top1(b, I)
            print(f"fitted on {len(a)} towns, top-1 on {len(b)} others: {base}/{n} → {top1(b, W)[0]}/{n}")
            if halves_dir:
                W.astype("<f4").tofile(f"{halves_dir}/{tag}.f32")
                open(f"{halves_dir}/{tag}.txt", "w").write("".join(d["name"] + "\n" for d in a))
    W = fit(sets)
    print(f"fitted on all {len(sets)} tuned towns: top-1 {top1(sets, I)[0]} → {top1(sets, W)[0]} of {top1(sets, I)[1]}")
    W.astype("<f4").tofile(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
