#!/usr/bin/env python3
"""Golden values for the layer ops, from numpy alone (an implementation independent of the Java
code): a 2-d convolution with stride, padding and dilation, a TDNN time convolution with uneven
offsets and stride, max and average pooling with padding, batch norm in training mode (with the
running statistics after two steps), layer norm, and cross-entropy with an ignore index, a mask
and label smoothing.

Forward passes are written directly from the definitions in float64 (shifted slices and einsum,
not im2col). Gradients of  loss = sum(y * G)  for a fixed random G are float64 central finite
differences, so no hand-derived backward formula is shared with the Java code.

Run from the repository root:  python3 toolkit/src/test/python/gen_layer_fixtures.py
Writes toolkit/src/test/resources/fixtures/layers/layers.json (tensors as {shape, data}).
"""
import json
import os

import numpy as np

OUT = os.path.join("toolkit", "src", "test", "resources", "fixtures", "layers", "layers.json")
RNG = np.random.default_rng(20261123)


def f32(shape, lo=-1.0, hi=1.0):
    """Random values rounded to float32, so Java reads exactly the inputs used here."""
    return RNG.uniform(lo, hi, size=shape).astype(np.float32).astype(np.float64)


def enc(a):
    a = np.asarray(a, dtype=np.float64)
    return {"shape": list(a.shape), "data": [float(v) for v in a.ravel()]}


def fd_grads(fn, inputs, seed, eps=1e-6):
    """Central differences of sum(fn(*inputs) * seed) for every element of every input."""
    grads = []
    for k, a in enumerate(inputs):
        g = np.zeros_like(a)
        for idx in np.ndindex(a.shape):
            keep = a[idx]
            a[idx] = keep + eps
            plus = np.sum(fn(*inputs) * seed)
            a[idx] = keep - eps
            minus = np.sum(fn(*inputs) * seed)
            a[idx] = keep
            g[idx] = (plus - minus) / (2 * eps)
        grads.append(g)
    return grads


def case(fn, named, config=None):
    names = list(named)
    inputs = [named[n] for n in names]
    y = fn(*inputs)
    seed = f32(y.shape)
    grads = fd_grads(fn, inputs, seed)
    return {
        "config": config or {},
        "inputs": {n: enc(a) for n, a in zip(names, inputs)},
        "seed": enc(seed),
        "output": enc(y),
        "grads": {n: enc(g) for n, g in zip(names, grads)},
    }


# ---- 2-d convolution ----
def conv2d(x, w, b, stride, pad, dil):
    n, c, h, wd = x.shape
    o, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad[0], pad[0]), (pad[1], pad[1])))
    oh = (h + 2 * pad[0] - dil[0] * (kh - 1) - 1) // stride[0] + 1
    ow = (wd + 2 * pad[1] - dil[1] * (kw - 1) - 1) // stride[1] + 1
    y = np.zeros((n, o, oh, ow)) + b[None, :, None, None]
    for u in range(kh):
        for v in range(kw):
            r0, c0 = u * dil[0], v * dil[1]
            patch = xp[:, :, r0:r0 + stride[0] * (oh - 1) + 1:stride[0], c0:c0 + stride[1] * (ow - 1) + 1:stride[1]]
            y += np.einsum("ncij,oc->noij", patch, w[:, :, u, v])
    return y


def conv2d_case():
    cfg = {"stride": [2, 1], "padding": [1, 1], "dilation": [1, 2]}
    return case(lambda x, w, b: conv2d(x, w, b, cfg["stride"], cfg["padding"], cfg["dilation"]),
                {"x": f32((2, 3, 6, 5)), "weight": f32((4, 3, 3, 2)), "bias": f32((4,))}, cfg)


# ---- TDNN time convolution ----
def tdnn(x, w, b, offsets, stride, padded):
    t, n, f = x.shape
    span = offsets[-1] - offsets[0] + 1
    if padded:
        centres = list(range(0, t, stride))
    else:
        centres = [-offsets[0] + j * stride for j in range((t - span) // stride + 1)]
    y = np.zeros((len(centres), n, w.shape[0]))
    for j, c in enumerate(centres):
        frames = [x[c + o] if 0 <= c + o < t else np.zeros((n, f)) for o in offsets]
        y[j] = np.concatenate(frames, axis=1) @ w.T + b
    return y


def tdnn_case(padded):
    cfg = {"offsets": [-3, 0, 1, 4], "stride": 2, "padded": padded}
    return case(lambda x, w, b: tdnn(x, w, b, cfg["offsets"], cfg["stride"], padded),
                {"x": f32((11, 2, 3)), "weight": f32((2, 12)), "bias": f32((2,))}, cfg)


# ---- pooling ----
def pool2d(x, k, stride, pad, mode, include_pad=True):
    n, c, h, w = x.shape
    oh = (h + 2 * pad - k) // stride + 1
    ow = (w + 2 * pad - k) // stride + 1
    y = np.zeros((n, c, oh, ow))
    for i in range(oh):
        for j in range(ow):
            r0, c0 = i * stride - pad, j * stride - pad
            win = x[:, :, max(r0, 0):min(r0 + k, h), max(c0, 0):min(c0 + k, w)]
            if mode == "max":
                y[:, :, i, j] = win.max(axis=(2, 3))
            else:
                div = k * k if include_pad else win.shape[2] * win.shape[3]
                y[:, :, i, j] = win.sum(axis=(2, 3)) / div
    return y


def pool_case(mode, include_pad):
    cfg = {"kernel": 3, "stride": 2, "padding": 1, "mode": mode, "count_include_pad": include_pad}
    return case(lambda x: pool2d(x, 3, 2, 1, mode, include_pad), {"x": f32((2, 2, 5, 6))}, cfg)


# ---- batch norm (training mode) and layer norm ----
def batch_norm_train(x, gamma, beta, eps):
    # channels on the last axis: statistics over every other axis
    axes = tuple(range(x.ndim - 1))
    mean = x.mean(axis=axes)
    var = x.var(axis=axes)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


def batch_norm_case():
    eps = 1e-5
    named = {"x": f32((3, 2, 4)), "weight": f32((4,), 0.5, 1.5), "bias": f32((4,))}
    out = case(lambda x, g, b: batch_norm_train(x, g, b, eps), named, {"eps": eps, "momentum": 0.1})
    # running statistics after this batch and a second one, as PyTorch updates them
    second = f32((5, 4), -2.0, 3.0)
    rm, rv = np.zeros(4), np.ones(4)
    for batch in (named["x"].reshape(-1, 4), second):
        m = batch.shape[0]
        rm = 0.9 * rm + 0.1 * batch.mean(axis=0)
        rv = 0.9 * rv + 0.1 * batch.var(axis=0) * m / (m - 1)
    out["second_batch"] = enc(second)
    out["running_mean"] = enc(rm)
    out["running_var"] = enc(rv)
    return out


def layer_norm(x, gamma, beta, eps):
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


def layer_norm_case():
    eps = 1e-5
    return case(lambda x, g, b: layer_norm(x, g, b, eps),
                {"x": f32((3, 2, 5)), "weight": f32((5,), 0.5, 1.5), "bias": f32((5,))}, {"eps": eps})


# ---- cross-entropy ----
def cross_entropy(logits, targets, mask, ignore, smoothing):
    v = logits.shape[-1]
    flat = logits.reshape(-1, v)
    shifted = flat - flat.max(axis=1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    total, weight = 0.0, 0.0
    for r, t in enumerate(targets):
        if t == ignore:
            continue
        loss = -(1 - smoothing) * logp[r, t] - smoothing / v * logp[r].sum()
        total += mask[r] * loss
        weight += mask[r]
    return np.array(total / weight)


def cross_entropy_case():
    targets = [4, -1, 0, 2, 2, 1]
    mask = [1.0, 1.0, 0.5, 0.0, 1.0, 2.0]
    cfg = {"targets": targets, "mask": mask, "ignore_index": -1, "label_smoothing": 0.1, "reduction": "mean"}
    return case(lambda x: cross_entropy(x, targets, mask, -1, 0.1), {"logits": f32((3, 2, 5), -3.0, 3.0)}, cfg)


def main():
    doc = {
        "conv2d": conv2d_case(),
        "tdnn_padded": tdnn_case(True),
        "tdnn_valid": tdnn_case(False),
        "max_pool": pool_case("max", True),
        "avg_pool_exclude_pad": pool_case("avg", False),
        "batch_norm_train": batch_norm_case(),
        "layer_norm": layer_norm_case(),
        "cross_entropy": cross_entropy_case(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(doc, fh, separators=(",", ":"))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
