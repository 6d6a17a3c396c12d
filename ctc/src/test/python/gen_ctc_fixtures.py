#!/usr/bin/env python3
"""Independent CTC reference for Elman's tests (numpy, float64).

Writes ctc/src/test/resources/org/elman/ctc/ctc_fixtures.json: random batches (repeated labels,
blank not always 0, uneven input and target lengths, one impossible alignment) with per-sequence
losses, the PyTorch-style mean-reduced loss and the gradient of the summed loss w.r.t. the logits.

This is a plain alpha-beta in probability-normalised log space written from the CTC equations; it
shares no code with the Java implementation. Beta here EXCLUDES the emission at t (Java's includes
it), so the two disagree unless both are right.

Run from the repository root:  python3 ctc/src/test/python/gen_ctc_fixtures.py
"""
import json
import os

import numpy as np

NEG = -np.inf


def log_softmax(x):
    m = x.max(axis=-1, keepdims=True)
    return x - m - np.log(np.exp(x - m).sum(axis=-1, keepdims=True))


def ctc_single(lp, target, blank):
    """lp: (T, V) log-probs of one sequence. Returns (nll, gamma (T, V))."""
    T, V = lp.shape
    ext = [blank]
    for c in target:
        ext += [c, blank]
    S = len(ext)
    alpha = np.full((T, S), NEG)
    beta = np.full((T, S), NEG)  # beta[t, s]: log prob of finishing from state s at t, emission at t excluded
    alpha[0, 0] = lp[0, ext[0]]
    if S > 1:
        alpha[0, 1] = lp[0, ext[1]]
    for t in range(1, T):
        for s in range(S):
            terms = [alpha[t - 1, s]]
            if s >= 1:
                terms.append(alpha[t - 1, s - 1])
            if s >= 2 and ext[s] != blank and ext[s] != ext[s - 2]:
                terms.append(alpha[t - 1, s - 2])
            alpha[t, s] = np.logaddexp.reduce(terms) + lp[t, ext[s]]
    beta[T - 1, S - 1] = 0.0
    if S > 1:
        beta[T - 1, S - 2] = 0.0
    for t in range(T - 2, -1, -1):
        for s in range(S):
            terms = [beta[t + 1, s] + lp[t + 1, ext[s]]]
            if s + 1 < S:
                terms.append(beta[t + 1, s + 1] + lp[t + 1, ext[s + 1]])
            if s + 2 < S and ext[s + 2] != blank and ext[s + 2] != ext[s]:
                terms.append(beta[t + 1, s + 2] + lp[t + 1, ext[s + 2]])
            beta[t, s] = np.logaddexp.reduce(terms)
    ends = [alpha[T - 1, S - 1]] + ([alpha[T - 1, S - 2]] if S > 1 else [])
    logp = np.logaddexp.reduce(ends)
    gamma = np.zeros((T, V))
    if np.isfinite(logp):
        post = np.exp(alpha + beta - logp)
        for s in range(S):
            gamma[:, ext[s]] += post[:, s]
    return -logp, gamma


def make_case(rng, name, T, N, V, blank, impossible=False):
    logits = rng.normal(0.0, 1.5, size=(T, N, V))
    labels = [v for v in range(V) if v != blank]
    input_lengths = [int(rng.integers(max(1, T // 2), T + 1)) for _ in range(N)]
    input_lengths[0] = T
    targets, target_lengths = [], []
    for n in range(N):
        max_len = max(0, (input_lengths[n] - 1) // 2)
        L = int(rng.integers(0, max_len + 1)) if n > 0 else max_len
        tgt = [int(rng.choice(labels)) for _ in range(L)]
        if L >= 2:
            tgt[1] = tgt[0]  # force a repeat, which needs a blank between
        targets.append(tgt)
        target_lengths.append(L)
    if impossible:
        targets[-1] = [labels[0]] * input_lengths[-1]  # repeats need 2L-1 frames: cannot fit
        target_lengths[-1] = input_lengths[-1]
    losses, grad = [], np.zeros_like(logits)
    for n in range(N):
        lp = log_softmax(logits[: input_lengths[n], n, :])
        nll, gamma = ctc_single(lp, targets[n], blank)
        losses.append(nll)
        if np.isfinite(nll):
            grad[: input_lengths[n], n, :] = np.exp(lp) - gamma
    finite = [l / max(1, L) for l, L in zip(losses, target_lengths)]
    return {
        "name": name, "T": T, "N": N, "V": V, "blank": blank,
        "logits": logits.reshape(-1).tolist(),
        "input_lengths": input_lengths, "targets": targets, "target_lengths": target_lengths,
        "losses": [float(l) if np.isfinite(l) else "inf" for l in losses],
        "mean_loss": float(np.mean(finite)) if np.all(np.isfinite(finite)) else "inf",
        "grad_sum": grad.reshape(-1).tolist(),
    }


def main():
    rng = np.random.default_rng(20061)
    cases = [
        make_case(rng, "blank0", 8, 3, 5, 0),
        make_case(rng, "blank_last", 10, 4, 6, 5),
        make_case(rng, "blank_middle", 12, 3, 4, 2),
        make_case(rng, "single_frame", 1, 2, 3, 1),
        make_case(rng, "long", 30, 2, 8, 3),
        make_case(rng, "impossible", 6, 3, 4, 0, impossible=True),
    ]
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "resources", "org", "elman", "ctc", "ctc_fixtures.json")
    with open(out, "w") as f:
        json.dump({"generator": "ctc/src/test/python/gen_ctc_fixtures.py", "cases": cases}, f)
    print("wrote", os.path.normpath(out))


if __name__ == "__main__":
    main()
