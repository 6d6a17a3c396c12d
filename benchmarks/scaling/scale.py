"""PyTorch's side of the scaling probe: the same networks and inputs shapes as Scale.java.
Usage: python3 scale.py lstm|gru HIDDEN fwd|fb REPS THREADS"""
import sys
import time

import torch

cell, h, mode, reps, threads = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
torch.set_num_threads(threads)
torch.manual_seed(1)
net = (torch.nn.GRU if cell == "gru" else torch.nn.LSTM)(80, h, 3, bidirectional=True)
x = torch.randn(300, 16, 80)
ms = []
for r in range(-3, reps):
    time.sleep(0.1)
    t0 = time.perf_counter()
    if mode == "fb":
        net.zero_grad()
        net(x)[0].sum().backward()
    else:
        with torch.no_grad():
            net(x)[0].sum().item()
    if r >= 0:
        ms.append((time.perf_counter() - t0) * 1e3)
ms.sort()
print(f"torch {cell} H={h} {mode} threads={threads} median={ms[reps // 2]:.1f} ms (min {ms[0]:.1f} max {ms[-1]:.1f})")
