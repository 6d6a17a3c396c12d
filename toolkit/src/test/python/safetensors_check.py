#!/usr/bin/env python3
"""A tiny independent safetensors reader/writer (json + struct only) used by SafeTensorsPythonTest.

  safetensors_check.py read FILE    print {"metadata": {...}, "tensors": {name: {dtype, shape, values}}}
                                    after checking the layout rules of the format
  safetensors_check.py write FILE   write a file with F32, F16, BF16, F64, I64 and I32 tensors and
                                    metadata, whose expected values the Java test knows
"""
import json
import struct
import sys

FORMATS = {"F32": "f", "F16": "e", "F64": "d", "I64": "q", "I32": "i", "I16": "h", "I8": "b", "U8": "B"}
SIZES = {"F32": 4, "F16": 2, "BF16": 2, "F64": 8, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1}


def numel(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def decode(dtype, raw):
    if dtype == "BF16":
        halves = struct.unpack("<%dH" % (len(raw) // 2), raw)
        return [struct.unpack("<f", struct.pack("<I", h << 16))[0] for h in halves]
    n = len(raw) // SIZES[dtype]
    return list(struct.unpack("<%d%s" % (n, FORMATS[dtype]), raw))


def read(path):
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n].decode("utf-8"))
    data = blob[8 + n:]
    metadata = header.pop("__metadata__", {})
    pos = 0
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"]):
        begin, end = info["data_offsets"]
        assert begin == pos, "tensor %s begins at %d, expected %d" % (name, begin, pos)
        assert end - begin == numel(info["shape"]) * SIZES[info["dtype"]], "size mismatch for " + name
        pos = end
    assert pos == len(data), "data section has %d bytes, tensors cover %d" % (len(data), pos)
    assert n % 8 == 0, "header length %d is not a multiple of 8" % n
    out = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        out[name] = {"dtype": info["dtype"], "shape": info["shape"], "values": decode(info["dtype"], data[begin:end])}
    json.dump({"metadata": metadata, "tensors": out}, sys.stdout)


def bf16(values):
    return b"".join(struct.pack("<H", struct.unpack("<I", struct.pack("<f", v))[0] >> 16) for v in values)


def write(path):
    tensors = [
        ("weight", "F32", [2, 3], struct.pack("<6f", *[0.5 * i - 1 for i in range(6)])),
        ("half", "F16", [5], struct.pack("<5e", 1.5, -2.0, 65504.0, 2.0 ** -24, float("inf"))),
        ("brain", "BF16", [3], bf16([1.0, -3.5, 0.15625])),
        ("double", "F64", [2], struct.pack("<2d", 1e-3, 2.5)),
        ("long", "I64", [2, 1], struct.pack("<2q", -3, 2 ** 40)),
        ("int", "I32", [2], struct.pack("<2i", 7, -8)),
        ("scalar", "F32", [], struct.pack("<f", 42.0)),
    ]
    header = {"__metadata__": {"format": "pt", "note": "written by python"}}
    offset = 0
    for name, dtype, shape, raw in tensors:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for _, _, _, raw in tensors:
            f.write(raw)


if __name__ == "__main__":
    {"read": read, "write": write}[sys.argv[1]](sys.argv[2])
