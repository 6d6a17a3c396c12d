#!/usr/bin/env python3
"""Writes optimiser fixtures for OptimizerFixtureTest from PyTorch's documented update equations.

Independent float64 numpy implementation of the pseudo-code in the docs of torch.optim.SGD,
torch.optim.Adam and torch.optim.AdamW. Each case: initial parameter, a list of gradients (given,
not computed from a loss), and the parameter after each step.

Usage: python3 toolkit/src/test/python/gen_optim_fixtures.py > toolkit/src/test/resources/org/elman/optim/optim_fixtures.json
"""
import json
import sys

import numpy as np


def sgd(p, grads, lr, momentum=0.0, dampening=0.0, nesterov=False, weight_decay=0.0):
    p = p.copy()
    b = None
    out = []
    for t, g in enumerate(grads, start=1):
        g = g + weight_decay * p
        if momentum != 0:
            b = g.copy() if t == 1 else momentum * b + (1 - dampening) * g
            g = g + momentum * b if nesterov else b
        p = p - lr * g
        out.append(p.copy())
    return out


def adam(p, grads, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False, decoupled=False):
    p = p.copy()
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    vmax = np.zeros_like(p)
    b1, b2 = betas
    out = []
    for t, g in enumerate(grads, start=1):
        if decoupled:
            p = p * (1 - lr * weight_decay)
        else:
            g = g + weight_decay * p
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat = m / (1 - b1 ** t)
        if amsgrad:
            vmax = np.maximum(vmax, v)
            v_hat = vmax / (1 - b2 ** t)
        else:
            v_hat = v / (1 - b2 ** t)
        p = p - lr * m_hat / (np.sqrt(v_hat) + eps)
        out.append(p.copy())
    return out


def main():
    rng = np.random.default_rng(20240611)
    p0 = rng.standard_normal(6)
    grads = [rng.standard_normal(6) for _ in range(5)]
    # one gradient component much smaller, to exercise eps and amsgrad's running maximum
    grads[3] = grads[3] * 0.01
    cases = [
        ("sgd_plain", dict(kind="sgd", lr=0.1), sgd(p0, grads, 0.1)),
        ("sgd_momentum", dict(kind="sgd", lr=0.05, momentum=0.9),
         sgd(p0, grads, 0.05, momentum=0.9)),
        ("sgd_dampening_wd", dict(kind="sgd", lr=0.05, momentum=0.8, dampening=0.3, weight_decay=0.01),
         sgd(p0, grads, 0.05, momentum=0.8, dampening=0.3, weight_decay=0.01)),
        ("sgd_nesterov", dict(kind="sgd", lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.001),
         sgd(p0, grads, 0.05, momentum=0.9, nesterov=True, weight_decay=0.001)),
        ("adam", dict(kind="adam", lr=0.01), adam(p0, grads, 0.01)),
        ("adam_wd_betas", dict(kind="adam", lr=0.02, beta1=0.8, beta2=0.95, eps=1e-6, weight_decay=0.1),
         adam(p0, grads, 0.02, betas=(0.8, 0.95), eps=1e-6, weight_decay=0.1)),
        ("adam_amsgrad", dict(kind="adam", lr=0.01, amsgrad=True), adam(p0, grads, 0.01, amsgrad=True)),
        ("adamw", dict(kind="adamw", lr=0.01, weight_decay=0.1),
         adam(p0, grads, 0.01, weight_decay=0.1, decoupled=True)),
        ("adamw_amsgrad", dict(kind="adamw", lr=0.03, weight_decay=0.05, amsgrad=True),
         adam(p0, grads, 0.03, weight_decay=0.05, amsgrad=True, decoupled=True)),
    ]
    doc = {
        "param": p0.tolist(),
        "grads": [g.tolist() for g in grads],
        "cases": [{"name": n, "config": c, "expected": [x.tolist() for x in e]} for n, c, e in cases],
    }
    json.dump(doc, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
