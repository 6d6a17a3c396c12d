#!/usr/bin/env python3
"""Golden values for the Elman-family layers, computed with numpy alone (an implementation
independent of the Java code): a tanh RNN and an Elman network (the same RNN plus an output
layer) on a padded batch with uneven lengths and a non-zero initial state, forward outputs and
every gradient of  loss = sum(out * G) + sum(h_final * G2)  by hand-written BPTT.

Run from the repository root:  python3 toolkit/src/test/python/gen_elman_fixtures.py
Writes toolkit/src/test/resources/fixtures/elman/*.json (flat row-major lists plus shapes).
"""
import json
import os

import numpy as np

T, N, F, H, O = 5, 3, 3, 4, 2
LENGTHS = [5, 2, 4]
OUT_DIR = os.path.join("toolkit", "src", "test", "resources", "fixtures", "elman")


def rnn_forward(p, x, h0, lengths):
    """Returns outputs (T, N, H), final h, and the per-step cache for backward."""
    h = h0.copy()
    outs = np.zeros((T, N, H))
    cache = []
    for t in range(T):
        valid = (t < np.array(lengths)).astype(np.float64)[:, None]
        hn = np.tanh(x[t] @ p["weight_ih"].T + p["bias_ih"] + h @ p["weight_hh"].T + p["bias_hh"])
        cache.append((valid, h, hn))
        outs[t] = valid * hn
        h = valid * hn + (1 - valid) * h
    return outs, h, cache


def rnn_backward(p, x, cache, g_out, g_final):
    """BPTT; g_out (T, N, H) is the gradient of the masked outputs, g_final that of the final h."""
    grads = {k: np.zeros_like(v) for k, v in p.items()}
    gx = np.zeros_like(x)
    dh = g_final.copy()
    for t in reversed(range(T)):
        valid, h_prev, hn = cache[t]
        dhn = valid * (dh + g_out[t])
        da = dhn * (1 - hn ** 2)
        grads["weight_ih"] += da.T @ x[t]
        grads["weight_hh"] += da.T @ h_prev
        grads["bias_ih"] += da.sum(0)
        grads["bias_hh"] += da.sum(0)
        gx[t] = da @ p["weight_ih"]
        dh = da @ p["weight_hh"] + (1 - valid) * dh
    return grads, gx, dh


def check_by_differences(p, x, h0, g_out, g_final, grads, eps=1e-6):
    """Guards the hand-written BPTT: central differences in float64 must agree to 1e-7."""
    def loss():
        outs, h_final, _ = rnn_forward(p, x, h0, LENGTHS)
        return float((outs * g_out).sum() + (h_final * g_final).sum())

    for name, value in p.items():
        for i in range(value.size):
            keep = value.flat[i]
            value.flat[i] = keep + eps
            plus = loss()
            value.flat[i] = keep - eps
            minus = loss()
            value.flat[i] = keep
            numeric = (plus - minus) / (2 * eps)
            assert abs(numeric - grads[name].flat[i]) < 1e-7, (name, i, numeric, grads[name].flat[i])


def flat(a):
    return {"shape": list(np.shape(a)), "data": [float(v) for v in np.ravel(a)]}


def main():
    rng = np.random.default_rng(20151123)
    p = {
        "weight_ih": rng.normal(0, 0.5, (H, F)),
        "weight_hh": rng.normal(0, 0.5, (H, H)),
        "bias_ih": rng.normal(0, 0.5, H),
        "bias_hh": rng.normal(0, 0.5, H),
    }
    w_hy = rng.normal(0, 0.5, (O, H))
    b_y = rng.normal(0, 0.5, O)
    x = rng.normal(0, 1, (T, N, F))
    h0 = rng.normal(0, 0.5, (N, H))
    g_final = rng.normal(0, 1, (N, H))
    mask = (np.arange(T)[:, None] < np.array(LENGTHS)[None, :]).astype(np.float64)[:, :, None]
    os.makedirs(OUT_DIR, exist_ok=True)

    # case 1: tanh RNN, loss = sum(out * G) + sum(h_T * G2)
    g_out = rng.normal(0, 1, (T, N, H))
    outs, h_final, cache = rnn_forward(p, x, h0, LENGTHS)
    grads, gx, gh0 = rnn_backward(p, x, cache, g_out * mask, g_final)
    check_by_differences(p, x, h0, g_out, g_final, grads)
    write("tanh_rnn.json", p, {}, x, h0, g_out, g_final, outs, h_final, grads, gx, gh0)

    # case 2: Elman network, y = mask * (h W_hy^T + b_y), loss = sum(y * G) + sum(h_T * G2)
    g_y = rng.normal(0, 1, (T, N, O))
    y = mask * (outs @ w_hy.T + b_y)
    g_hidden = (g_y * mask) @ w_hy
    grads, gx, gh0 = rnn_backward(p, x, cache, g_hidden * mask, g_final)
    grads = {"hidden." + k: v for k, v in grads.items()}
    grads["weight_hy"] = np.einsum("tno,tnh->oh", g_y * mask, outs)
    grads["bias_y"] = (g_y * mask).sum((0, 1))
    params = {"hidden." + k: v for k, v in p.items()}
    write("elman_network.json", params, {"weight_hy": w_hy, "bias_y": b_y}, x, h0, g_y, g_final, y, h_final, grads, gx, gh0)


def write(name, params, extra, x, h0, g_out, g_final, out, h_final, grads, gx, gh0):
    doc = {
        "lengths": LENGTHS,
        "params": {k: flat(v) for k, v in {**params, **extra}.items()},
        "x": flat(x),
        "h0": flat(h0),
        "grad_output_seed": flat(g_out),
        "grad_final_seed": flat(g_final),
        "output": flat(out),
        "final_h": flat(h_final),
        "grads": {k: flat(v) for k, v in grads.items()},
        "grad_x": flat(gx),
        "grad_h0": flat(gh0),
    }
    with open(os.path.join(OUT_DIR, name), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
