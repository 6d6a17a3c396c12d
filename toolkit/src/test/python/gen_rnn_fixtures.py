#!/usr/bin/env python3
"""Golden values for Elman's LSTM and GRU layers, from an independent numpy implementation.

Implements PyTorch's nn.LSTM / nn.GRU equations (gate orders i,f,g,o and r,z,n; two biases;
b_hn inside the reset product), optional Gers & Schmidhuber peepholes for the LSTM, and
variable lengths with packed-sequence semantics (padded steps keep the state, output zero).
Forward and a hand-written backward run in float64; the backward is checked here against
central finite differences before anything is written.

The loss whose gradients are stored is
    L = sum(out * w_out) + sum(h_n * w_h) [+ sum(c_n * w_c)]
with fixed random weights w_* stored in the fixture.

Usage (numpy only, fixed seed, rewrites the files):
    python3 toolkit/src/test/python/gen_rnn_fixtures.py
Output: toolkit/src/test/resources/fixtures/rnn/{lstm,lstm_uneven,lstm_peephole,gru,gru_uneven}.json
"""
import json
import os

import numpy as np

OUT_DIR = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures", "rnn")


def sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


def lstm_forward(p, x, lengths, h0, c0):
    T, N, _ = x.shape
    H = h0.shape[1]
    h, c = h0.copy(), c0.copy()
    out = np.zeros((T, N, H))
    cache = []
    for t in range(T):
        a = x[t] @ p["weight_ih"].T + p["bias_ih"] + h @ p["weight_hh"].T + p["bias_hh"]
        ai, af, ag, ao = a[:, :H], a[:, H:2 * H], a[:, 2 * H:3 * H], a[:, 3 * H:]
        pe = p.get("weight_peephole")
        if pe is not None:
            ai = ai + pe[0] * c
            af = af + pe[1] * c
        i, f, g = sigmoid(ai), sigmoid(af), np.tanh(ag)
        c_new = f * c + i * g
        if pe is not None:
            ao = ao + pe[2] * c_new
        o = sigmoid(ao)
        h_new = o * np.tanh(c_new)
        m = (t < lengths).astype(float)[:, None]
        cache.append((x[t], h, c, i, f, g, o, c_new, m))
        out[t] = m * h_new
        h = m * h_new + (1 - m) * h
        c = m * c_new + (1 - m) * c
    return out, h, c, cache


def lstm_backward(p, cache, d_out, dh, dc):
    grads = {k: np.zeros_like(v) for k, v in p.items()}
    pe = p.get("weight_peephole")
    T = len(cache)
    dx = np.zeros((T,) + cache[0][0].shape)
    for t in reversed(range(T)):
        xt, h, c, i, f, g, o, c_new, m = cache[t]
        dh_new = m * (dh + d_out[t])
        dc_new = m * dc
        tc = np.tanh(c_new)
        dao = dh_new * tc * o * (1 - o)
        dc_new = dc_new + dh_new * o * (1 - tc ** 2)
        if pe is not None:
            dc_new = dc_new + dao * pe[2]
            grads["weight_peephole"][2] += np.sum(dao * c_new, axis=0)
        dai = dc_new * g * i * (1 - i)
        daf = dc_new * c * f * (1 - f)
        dag = dc_new * i * (1 - g ** 2)
        da = np.concatenate([dai, daf, dag, dao], axis=1)
        dc_prev = dc_new * f + (1 - m) * dc
        if pe is not None:
            dc_prev = dc_prev + dai * pe[0] + daf * pe[1]
            grads["weight_peephole"][0] += np.sum(dai * c, axis=0)
            grads["weight_peephole"][1] += np.sum(daf * c, axis=0)
        grads["weight_ih"] += da.T @ xt
        grads["weight_hh"] += da.T @ h
        grads["bias_ih"] += da.sum(axis=0)
        grads["bias_hh"] += da.sum(axis=0)
        dx[t] = da @ p["weight_ih"]
        dh = da @ p["weight_hh"] + (1 - m) * dh
        dc = dc_prev
    return grads, dx, dh, dc


def gru_forward(p, x, lengths, h0):
    T, N, _ = x.shape
    H = h0.shape[1]
    h = h0.copy()
    out = np.zeros((T, N, H))
    cache = []
    for t in range(T):
        gi = x[t] @ p["weight_ih"].T + p["bias_ih"]
        gh = h @ p["weight_hh"].T + p["bias_hh"]
        r = sigmoid(gi[:, :H] + gh[:, :H])
        z = sigmoid(gi[:, H:2 * H] + gh[:, H:2 * H])
        hn = gh[:, 2 * H:]
        n = np.tanh(gi[:, 2 * H:] + r * hn)
        h_new = (1 - z) * n + z * h
        m = (t < lengths).astype(float)[:, None]
        cache.append((x[t], h, r, z, n, hn, m))
        out[t] = m * h_new
        h = m * h_new + (1 - m) * h
    return out, h, cache


def gru_backward(p, cache, d_out, dh):
    grads = {k: np.zeros_like(v) for k, v in p.items()}
    T = len(cache)
    dx = np.zeros((T,) + cache[0][0].shape)
    for t in reversed(range(T)):
        xt, h, r, z, n, hn, m = cache[t]
        d = m * (dh + d_out[t])
        dan = d * (1 - z) * (1 - n ** 2)
        daz = d * (h - n) * z * (1 - z)
        dar = dan * hn * r * (1 - r)
        dgi = np.concatenate([dar, daz, dan], axis=1)
        dgh = np.concatenate([dar, daz, dan * r], axis=1)
        grads["weight_ih"] += dgi.T @ xt
        grads["weight_hh"] += dgh.T @ h
        grads["bias_ih"] += dgi.sum(axis=0)
        grads["bias_hh"] += dgh.sum(axis=0)
        dx[t] = dgi @ p["weight_ih"]
        dh = d * z + dgh @ p["weight_hh"] + (1 - m) * dh
    return grads, dx, dh


def make_case(kind, rng, T, N, F, H, lengths, peephole=False):
    gates = 4 if kind == "lstm" else 3
    bound = 1.0 / np.sqrt(H)
    u = lambda *s: rng.uniform(-bound, bound, size=s)
    p = {"weight_ih": u(gates * H, F), "weight_hh": u(gates * H, H), "bias_ih": u(gates * H), "bias_hh": u(gates * H)}
    if peephole:
        p["weight_peephole"] = u(3, H)
    x = rng.uniform(-1, 1, size=(T, N, F))
    lengths = np.array(lengths)
    inputs = {"x": x, "h0": rng.uniform(-0.5, 0.5, size=(N, H))}
    if kind == "lstm":
        inputs["c0"] = rng.uniform(-0.5, 0.5, size=(N, H))
    w = {"w_out": rng.uniform(-1, 1, size=(T, N, H)), "w_h": rng.uniform(-1, 1, size=(N, H))}
    if kind == "lstm":
        w["w_c"] = rng.uniform(-1, 1, size=(N, H))
    return p, inputs, w, lengths


def run(kind, p, inputs, w, lengths):
    """Returns (loss, results dict, gradients dict)."""
    if kind == "lstm":
        out, hn, cn, cache = lstm_forward(p, inputs["x"], lengths, inputs["h0"], inputs["c0"])
        loss = np.sum(out * w["w_out"]) + np.sum(hn * w["w_h"]) + np.sum(cn * w["w_c"])
        g, dx, dh0, dc0 = lstm_backward(p, cache, w["w_out"], w["w_h"].copy(), w["w_c"].copy())
        return loss, {"out": out, "h_n": hn, "c_n": cn}, dict(g, x=dx, h0=dh0, c0=dc0)
    out, hn, cache = gru_forward(p, inputs["x"], lengths, inputs["h0"])
    loss = np.sum(out * w["w_out"]) + np.sum(hn * w["w_h"])
    g, dx, dh0 = gru_backward(p, cache, w["w_out"], w["w_h"].copy())
    return loss, {"out": out, "h_n": hn}, dict(g, x=dx, h0=dh0)


def check_gradients(kind, p, inputs, w, lengths, grads):
    tensors = dict(p, **inputs)
    eps = 1e-6
    for name, arr in tensors.items():
        num = np.zeros_like(arr)
        flat = arr.reshape(-1)
        for k in range(flat.size):
            keep = flat[k]
            flat[k] = keep + eps
            lp = run(kind, p, inputs, w, lengths)[0]
            flat[k] = keep - eps
            lm = run(kind, p, inputs, w, lengths)[0]
            flat[k] = keep
            num.reshape(-1)[k] = (lp - lm) / (2 * eps)
        err = np.max(np.abs(num - grads[name]))
        assert err < 1e-6, f"{kind}: gradient of {name} off by {err}"


def as_json(a):
    a = np.asarray(a, dtype=np.float64)
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1)]}


def write(name, kind, T, N, F, H, lengths, peephole, seed):
    rng = np.random.default_rng(seed)
    p, inputs, w, lens = make_case(kind, rng, T, N, F, H, lengths, peephole)
    loss, results, grads = run(kind, p, inputs, w, lens)
    check_gradients(kind, p, inputs, w, lens, grads)
    tensors = {}
    for group in (p, inputs, w, results):
        tensors.update({k: as_json(v) for k, v in group.items()})
    tensors.update({"grad." + k: as_json(v) for k, v in grads.items()})
    doc = {"kind": kind, "T": T, "N": N, "F": F, "H": H, "peephole": peephole,
           "lengths": [int(v) for v in lens], "loss": float(loss), "seed": seed, "tensors": tensors}
    os.makedirs(OUT_DIR, exist_ok=True)
    with open(os.path.join(OUT_DIR, name + ".json"), "w") as fh:
        json.dump(doc, fh, indent=None, separators=(",", ":"))
        fh.write("\n")
    print("wrote", name, "loss", loss)


if __name__ == "__main__":
    write("lstm", "lstm", T=4, N=2, F=3, H=5, lengths=[4, 4], peephole=False, seed=1)
    write("lstm_uneven", "lstm", T=5, N=3, F=4, H=3, lengths=[5, 2, 3], peephole=False, seed=2)
    write("lstm_peephole", "lstm", T=4, N=3, F=3, H=4, lengths=[4, 1, 3], peephole=True, seed=3)
    write("gru", "gru", T=4, N=2, F=3, H=5, lengths=[4, 4], peephole=False, seed=4)
    write("gru_uneven", "gru", T=5, N=3, F=4, H=3, lengths=[3, 5, 1], peephole=False, seed=5)
