#!/usr/bin/env python3
"""Golden values for the Elman-family layers, computed with numpy alone (an implementation
independent of the Java code) on a padded batch with uneven lengths and a non-zero initial
state: forward outputs, final state and every gradient of  loss = sum(out * G) + sum(s_final * G2).
Cases: a tanh RNN, a ReLU RNN and an Elman network (hand-written BPTT, itself checked against
float64 central differences), and a Jordan network with state decay (gradients by float64
central differences).

Run from the repository root:  python3 toolkit/src/test/python/gen_elman_fixtures.py
Writes toolkit/src/test/resources/fixtures/elman/*.json (flat row-major lists plus shapes).
"""
import json
import os

import numpy as np

T, N, F, H, O = 5, 3, 3, 4, 2
LENGTHS = [5, 2, 4]
OUT_DIR = os.path.join("toolkit", "src", "test", "resources", "fixtures", "elman")


ACT = {"tanh": (np.tanh, lambda y: 1 - y ** 2), "relu": (lambda a: np.maximum(a, 0), lambda y: (y > 0) * 1.0)}


def rnn_forward(p, x, h0, lengths, act="tanh"):
    """Returns outputs (T, N, H), final h, and the per-step cache for backward."""
    h = h0.copy()
    outs = np.zeros((T, N, H))
    cache = []
    for t in range(T):
        valid = (t < np.array(lengths)).astype(np.float64)[:, None]
        hn = ACT[act][0](x[t] @ p["weight_ih"].T + p["bias_ih"] + h @ p["weight_hh"].T + p["bias_hh"])
        cache.append((valid, h, hn))
        outs[t] = valid * hn
        h = valid * hn + (1 - valid) * h
    return outs, h, cache


def rnn_backward(p, x, cache, g_out, g_final, act="tanh"):
    """BPTT; g_out (T, N, H) is the gradient of the masked outputs, g_final that of the final h."""
    grads = {k: np.zeros_like(v) for k, v in p.items()}
    gx = np.zeros_like(x)
    dh = g_final.copy()
    for t in reversed(range(T)):
        valid, h_prev, hn = cache[t]
        dhn = valid * (dh + g_out[t])
        da = dhn * ACT[act][1](hn)
        grads["weight_ih"] += da.T @ x[t]
        grads["weight_hh"] += da.T @ h_prev
        grads["bias_ih"] += da.sum(0)
        grads["bias_hh"] += da.sum(0)
        gx[t] = da @ p["weight_ih"]
        dh = da @ p["weight_hh"] + (1 - valid) * dh
    return grads, gx, dh


def numeric_grads(loss, tensors, eps=1e-6):
    """Central differences in float64 of loss() for every element of every named tensor."""
    grads = {}
    for name, value in tensors.items():
        g = np.zeros_like(value)
        for i in range(value.size):
            keep = value.flat[i]
            value.flat[i] = keep + eps
            plus = loss()
            value.flat[i] = keep - eps
            minus = loss()
            value.flat[i] = keep
            g.flat[i] = (plus - minus) / (2 * eps)
        grads[name] = g
    return grads


def check_by_differences(p, x, h0, g_out, g_final, grads, act):
    """Guards the hand-written BPTT: central differences in float64 must agree to 1e-7."""
    def loss():
        outs, h_final, _ = rnn_forward(p, x, h0, LENGTHS, act)
        return float((outs * g_out).sum() + (h_final * g_final).sum())

    numeric = numeric_grads(loss, {**p, "x": x, "h0": h0})
    for name, g in grads.items():
        assert np.abs(numeric[name] - g).max() < 1e-7, name


def jordan_forward(p, x, s0, mu):
    """Jordan network: h = tanh(W_ih x + W_yh s + b_h), y = sigmoid(W_hy h + b_y), s' = mu s + y."""
    s = s0.copy()
    outs = np.zeros((T, N, O))
    for t in range(T):
        valid = (t < np.array(LENGTHS)).astype(np.float64)[:, None]
        h = np.tanh(x[t] @ p["weight_ih"].T + s @ p["weight_yh"].T + p["bias_h"])
        y = 1 / (1 + np.exp(-(h @ p["weight_hy"].T + p["bias_y"])))
        outs[t] = valid * y
        s = valid * (mu * s + y) + (1 - valid) * s
    return outs, s


def jordan_case(rng):
    p = {
        "weight_ih": rng.normal(0, 0.5, (H, F)),
        "weight_yh": rng.normal(0, 0.5, (H, O)),
        "bias_h": rng.normal(0, 0.5, H),
        "weight_hy": rng.normal(0, 0.5, (O, H)),
        "bias_y": rng.normal(0, 0.5, O),
    }
    x = rng.normal(0, 1, (T, N, F))
    s0 = rng.uniform(0, 1, (N, O))
    g_out = rng.normal(0, 1, (T, N, O))
    g_final = rng.normal(0, 1, (N, O))
    mu = 0.25

    def loss():
        outs, s = jordan_forward(p, x, s0, mu)
        return float((outs * g_out).sum() + (s * g_final).sum())

    grads = numeric_grads(loss, {**p, "x": x, "s0": s0})
    outs, s = jordan_forward(p, x, s0, mu)
    gx, gs0 = grads.pop("x"), grads.pop("s0")
    write("jordan_network.json", p, {}, x, s0, g_out, g_final, outs, s, grads, gx, gs0)


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
    check_by_differences(p, x, h0, g_out, g_final, {**grads, "x": gx, "h0": gh0}, "tanh")
    write("tanh_rnn.json", p, {}, x, h0, g_out, g_final, outs, h_final, grads, gx, gh0)

    # case 1b: the same weights with ReLU
    r_outs, r_final, r_cache = rnn_forward(p, x, h0, LENGTHS, "relu")
    r_grads, r_gx, r_gh0 = rnn_backward(p, x, r_cache, g_out * mask, g_final, "relu")
    check_by_differences(p, x, h0, g_out, g_final, {**r_grads, "x": r_gx, "h0": r_gh0}, "relu")
    write("relu_rnn.json", p, {}, x, h0, g_out, g_final, r_outs, r_final, r_grads, r_gx, r_gh0)

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

    # case 3: Jordan network, state = decayed sum of fed-back outputs
    jordan_case(rng)


def write(name, params, extra, x, s0, g_out, g_final, out, s_final, grads, gx, gs0):
    doc = {
        "lengths": LENGTHS,
        "params": {k: flat(v) for k, v in {**params, **extra}.items()},
        "x": flat(x),
        "initial_state": flat(s0),
        "grad_output_seed": flat(g_out),
        "grad_final_seed": flat(g_final),
        "output": flat(out),
        "final_state": flat(s_final),
        "grads": {k: flat(v) for k, v in grads.items()},
        "grad_x": flat(gx),
        "grad_initial_state": flat(gs0),
    }
    with open(os.path.join(OUT_DIR, name), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
