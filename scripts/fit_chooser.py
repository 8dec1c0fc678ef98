#!/usr/bin/env python3
"""Fits the FAQ chooser's weights (src/answer/choose.rs) on the tuned sets.

    standardiste bench answers --faq-features /tmp/feat.tsv
    python3 scripts/fit_chooser.py /tmp/feat.tsv

A conditional logit of "this candidate is the expected entry" on the candidate's features (the
candidates of one question and "none of them" share one probability), fitted
on the sets whose status is "tuned" only (frozen sets are never fitted on), then the thresholds
that give an entry outright or propose it for confirmation. Leave-one-set-out figures show how it
carries to a town it was not fitted on. The features should be taken with the meaning adapter
fitted without the town at hand (scripts/fit_adapter.py --halves; the README shows the commands),
or the weights trust the sentence vectors more than a new town warrants. Standard library only.
"""
import csv
import math
import sys
from collections import defaultdict

FEATURES = ["lex_conf", "lex_rel", "lex_lead", "contested", "cosine", "cos_lead", "agree", "peak", "answer_cos", "answer_lead", "sense", "service", "keyword", "kind_fit", "kind_miss"]
L2 = 0.01


def load(path):
    rows = list(csv.DictReader(open(path), delimiter="\t"))
    qs = defaultdict(list)
    for r in rows:
        qs[(r["set"], r["question"])].append(r)
    out = []
    for (s, q), rs in qs.items():
        x = [[float(r[f]) for f in FEATURES] for r in rs]
        y = [int(r["label"]) for r in rs]
        out.append({"set": s, "status": rs[0]["status"], "expected": rs[0]["expected"], "x": x, "y": y})
    return out


def standardise(questions):
    raw = [x for q in questions for x in q["x"]]
    n, d = len(raw), len(FEATURES)
    mean = [sum(x[i] for x in raw) / n for i in range(d)]
    sd = [max(math.sqrt(sum((x[i] - mean[i]) ** 2 for x in raw) / n), 1e-6) for i in range(d)]
    return mean, sd


def shares(zs):
    """Each candidate's share against the others and "none of them" (whose score is 0)."""
    m = max(0.0, max(zs))
    es = [math.exp(z - m) for z in zs]
    total = math.exp(-m) + sum(es)
    return [e / total for e in es]


def fit(questions, iters=800, lr=0.5):
    """Conditional logit: one score per candidate, a question's candidates and "none" share a
    probability of 1, so a candidate counts for less when another one is close. Weights on the raw
    features (fitted on standardised ones, then mapped back)."""
    d = len(FEATURES)
    mean, sd = standardise(questions)
    data = [([[(x[i] - mean[i]) / sd[i] for i in range(d)] for x in q["x"]], q["y"]) for q in questions]
    w, b = [0.0] * d, 0.0
    n = len(data)
    for _ in range(iters):
        gw, gb = [0.0] * d, 0.0
        for xs, ys in data:
            ps = shares([b + sum(wi * xi for wi, xi in zip(w, x)) for x in xs])
            for x, p, y in zip(xs, ps, ys):
                g = p - y
                gb += g
                for i in range(d):
                    gw[i] += g * x[i]
        b -= lr * gb / n
        w = [wi - lr * (gi / n + L2 * wi) for wi, gi in zip(w, gw)]
    raw_w = [w[i] / sd[i] for i in range(d)]
    return raw_w, b - sum(raw_w[i] * mean[i] for i in range(d))


def decide(w, b, questions):
    """Per question: (best probability, whether that candidate is right, answerable)."""
    out = []
    for q in questions:
        ps = shares([b + sum(wi * xi for wi, xi in zip(w, x)) for x in q["x"]])
        i = max(range(len(ps)), key=lambda k: ps[k])
        out.append((ps[i], q["y"][i] == 1, q["expected"] != "-"))
    return out


def score(decisions, answer, confirm):
    right = wrong = conf_right = conf = 0
    for p, ok, answerable in decisions:
        if p >= answer:
            right += ok and answerable
            wrong += not (ok and answerable)
        elif p >= confirm:
            conf += 1
            conf_right += ok
    answerable = sum(1 for d in decisions if d[2])
    return right, wrong, conf, conf_right, answerable


def main():
    qs = [q for q in load(sys.argv[1]) if q["status"] == "tuned"]
    sets = sorted({q["set"] for q in qs})
    grid = [t / 100 for t in range(30, 100)]
    # Leave one set out: fit on the others, decide on the one left out.
    held = []
    for s in sets:
        w, b = fit([q for q in qs if q["set"] != s])
        held += decide(w, b, [q for q in qs if q["set"] == s])
    print(f"{len(qs)} questions from {len(sets)} tuned sets; leave-one-set-out:")
    for answer in (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95):
        r, wr, c, cr, n = score(held, answer, 0.3)
        print(f"  answer ≥ {answer:.2f}: right {r}/{n} ({100 * r / n:.1f} %), wrong {wr}, confirm {c} ({cr} right)")
    w, b = fit(qs)
    print("weights (bias then " + ", ".join(FEATURES) + "):")
    print(f"  {b:.4f}, " + ", ".join(f"{x:.4f}" for x in w))
    alld = decide(w, b, qs)
    for answer in grid[::5]:
        r, wr, c, cr, n = score(alld, answer, 0.3)
        print(f"  fitted, answer ≥ {answer:.2f}: right {r}/{n}, wrong {wr}, confirm {c} ({cr} right)")


if __name__ == "__main__":
    main()
