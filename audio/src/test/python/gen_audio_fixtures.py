#!/usr/bin/env python3
"""Reference features for the Java front end, computed independently with numpy/scipy.

Run from the repository root:  python3 audio/src/test/python/gen_audio_fixtures.py
Writes audio/src/test/resources/fixtures/<signal>.f32 (the input samples) and
<signal>__<case>.f32 (the features). Each .f32 file is: int32 rows, int32 cols (little-endian),
then rows*cols float32 values, row-major. The cases (their settings are mirrored in
FixtureFeaturesTest.java) are:

  spectrogram   Hann window, no pre-emphasis, no DC removal, log power spectrum (floor 1e-10)
  logmel_htk    Hann, 80 mel bins 0..8000 Hz, HTK scale with triangles in Hz (librosa htk=True)
  logmel_slaney Hann, 64 mel bins 0..8000 Hz, Slaney scale and Slaney area norm (librosa default)
  mfcc_htk      Hamming, pre-emphasis 0.97, 40 HTK mel bins 20..7600 Hz, 13 ceps, lifter 22
  kaldi_fbank   Kaldi fbank: samples x 32768, DC removal, pre-emphasis 0.97, Povey window, 80 bins
                20 Hz..Nyquist, mel triangles in the mel domain, log floor FLT_EPSILON, snip edges
  kaldi_fbank_nosnip  the same with snip_edges=false (frames centred, edges mirrored)
  kaldi_mfcc    Kaldi MFCC (use_energy=false): 23 bins, 13 ceps, lifter 22
All frames are 25 ms / 10 ms at 16 kHz, FFT size 512.
"""
import os
import struct

import numpy as np
from scipy.fft import dct

RATE = 16000
FRAME = 400
SHIFT = 160
NFFT = 512
FLT_EPS = np.finfo(np.float32).eps
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "fixtures")


def signals():
    t = np.arange(int(0.5 * RATE)) / RATE
    sine = 0.5 * np.sin(2 * np.pi * 440.0 * t)
    f0, f1, dur = 100.0, 7000.0, t[-1] + 1.0 / RATE
    chirp = 0.4 * np.sin(2 * np.pi * (f0 * t + (f1 - f0) / (2 * dur) * t * t))
    noise = np.clip(0.1 * np.random.default_rng(1234).standard_normal(len(t)), -1, 1)
    return {"sine440": sine, "chirp": chirp, "noise": noise}


def frames(x, snip_edges=True):
    n = len(x)
    if snip_edges:
        count = 1 + (n - FRAME) // SHIFT if n >= FRAME else 0
        starts = np.arange(count) * SHIFT
    else:
        count = (n + SHIFT // 2) // SHIFT
        starts = np.arange(count) * SHIFT + SHIFT // 2 - FRAME // 2
    idx = starts[:, None] + np.arange(FRAME)[None, :]
    idx = np.where(idx < 0, -idx - 1, idx)
    idx = np.where(idx >= n, 2 * n - 1 - idx, idx)
    return x[idx]


def window(kind):
    a = 2 * np.pi * np.arange(FRAME) / (FRAME - 1)
    hann = 0.5 - 0.5 * np.cos(a)
    return {"hann": hann, "hamming": 0.54 - 0.46 * np.cos(a), "povey": hann ** 0.85}[kind]


def power_spectrum(fr, win, preemph=0.0, remove_dc=False):
    fr = fr.astype(np.float64).copy()
    if remove_dc:
        fr -= fr.mean(axis=1, keepdims=True)
    if preemph:
        fr[:, 1:] -= preemph * fr[:, :-1].copy()
        fr[:, 0] -= preemph * fr[:, 0]
    spec = np.fft.rfft(fr * win, n=NFFT, axis=1)
    return np.abs(spec) ** 2


def htk_mel(f):
    return 1127.0 * np.log(1.0 + f / 700.0)


def htk_hz(m):
    return 700.0 * (np.exp(m / 1127.0) - 1.0)


def slaney_mel(f):
    f = np.asarray(f, dtype=np.float64)
    lin = f / (200.0 / 3)
    return np.where(f < 1000.0, lin, 15.0 + np.log(np.maximum(f, 1e-9) / 1000.0) / (np.log(6.4) / 27.0))


def slaney_hz(m):
    m = np.asarray(m, dtype=np.float64)
    return np.where(m < 15.0, m * 200.0 / 3, 1000.0 * np.exp((np.log(6.4) / 27.0) * (m - 15.0)))


def hz_triangles(nbins, lo, hi, to_mel, to_hz, norm):
    edges = to_hz(np.linspace(to_mel(lo), to_mel(hi), nbins + 2))
    freqs = np.arange(NFFT // 2 + 1) * RATE / NFFT
    fb = np.zeros((nbins, len(freqs)))
    for m in range(nbins):
        up = (freqs - edges[m]) / (edges[m + 1] - edges[m])
        down = (edges[m + 2] - freqs) / (edges[m + 2] - edges[m + 1])
        fb[m] = np.maximum(0, np.minimum(up, down))
        if norm:
            fb[m] *= 2.0 / (edges[m + 2] - edges[m])
    return fb


def kaldi_triangles(nbins, lo, hi):
    mlo, mhi = htk_mel(lo), htk_mel(hi)
    delta = (mhi - mlo) / (nbins + 1)
    mel = htk_mel(np.arange(NFFT // 2) * RATE / NFFT)
    fb = np.zeros((nbins, NFFT // 2 + 1))
    for m in range(nbins):
        left, centre, right = mlo + m * delta, mlo + (m + 1) * delta, mlo + (m + 2) * delta
        up = (mel - left) / (centre - left)
        down = (right - mel) / (right - centre)
        inside = (mel > left) & (mel < right)
        fb[m, :-1] = np.where(inside, np.where(mel <= centre, up, down), 0.0)
    return fb


def lifter(n, q):
    return 1.0 + 0.5 * q * np.sin(np.pi * np.arange(n) / q)


def cases(x):
    hann = window("hann")
    p_hann = power_spectrum(frames(x), hann)
    out = {"spectrogram": np.log(np.maximum(p_hann, 1e-10))}
    fb = hz_triangles(80, 0.0, 8000.0, htk_mel, htk_hz, False)
    out["logmel_htk"] = np.log(np.maximum(p_hann @ fb.T, 1e-10))
    fb = hz_triangles(64, 0.0, 8000.0, slaney_mel, slaney_hz, True)
    out["logmel_slaney"] = np.log(np.maximum(p_hann @ fb.T, 1e-10))
    p = power_spectrum(frames(x), window("hamming"), preemph=0.97)
    logmel = np.log(np.maximum(p @ hz_triangles(40, 20.0, 7600.0, htk_mel, htk_hz, False).T, 1e-10))
    out["mfcc_htk"] = dct(logmel, type=2, norm="ortho", axis=1)[:, :13] * lifter(13, 22.0)
    xs = x * 32768.0
    for snip, name in ((True, "kaldi_fbank"), (False, "kaldi_fbank_nosnip")):
        p = power_spectrum(frames(xs, snip), window("povey"), preemph=0.97, remove_dc=True)
        out[name] = np.log(np.maximum(p @ kaldi_triangles(80, 20.0, 8000.0).T, FLT_EPS))
    p = power_spectrum(frames(xs), window("povey"), preemph=0.97, remove_dc=True)
    logmel = np.log(np.maximum(p @ kaldi_triangles(23, 20.0, 8000.0).T, FLT_EPS))
    out["kaldi_mfcc"] = dct(logmel, type=2, norm="ortho", axis=1)[:, :13] * lifter(13, 22.0)
    return out


def write(name, mat):
    mat = np.atleast_2d(np.asarray(mat, dtype=np.float32))
    with open(os.path.join(OUT, name + ".f32"), "wb") as f:
        f.write(struct.pack("<ii", mat.shape[0], mat.shape[1]))
        f.write(mat.astype("<f4").tobytes())


def main():
    os.makedirs(OUT, exist_ok=True)
    for sig_name, x in signals().items():
        x = x.astype(np.float32)
        write(sig_name, x[None, :])
        for case, feats in cases(x.astype(np.float64)).items():
            write(sig_name + "__" + case, feats)
    print("fixtures written to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
