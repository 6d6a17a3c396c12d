package org.elman.io;

import java.nio.ByteBuffer;

/**
 * Element types of the safetensors format that Elman can read, each decoded to float32. Only
 * {@link #F32} is written. Integers wider than 24 bits and F64 values lose precision in the
 * conversion, as a cast would.
 */
public enum DType {
    F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    private final int size;

    DType(int size) {
        this.size = size;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** The type for a header's {@code dtype} string, or null when unknown. */
    public static DType parse(String name) {
        for (DType d : values()) if (d.name().equals(name)) return d;
        return null;
    }

    /** Decodes {@code count} elements from a little-endian buffer into {@code dst[at...]}. */
    void decode(ByteBuffer src, float[] dst, int at, int count) {
        switch (this) {
            case F32 -> src.asFloatBuffer().get(dst, at, count);
            case F64 -> { for (int i = 0; i < count; i++) dst[at + i] = (float) src.getDouble(i * 8); }
            case F16 -> { for (int i = 0; i < count; i++) dst[at + i] = halfToFloat(src.getShort(i * 2)); }
            case BF16 -> { for (int i = 0; i < count; i++) dst[at + i] = Float.intBitsToFloat((src.getShort(i * 2) & 0xFFFF) << 16); }
            case I64 -> { for (int i = 0; i < count; i++) dst[at + i] = src.getLong(i * 8); }
            case I32 -> { for (int i = 0; i < count; i++) dst[at + i] = src.getInt(i * 4); }
            case I16 -> { for (int i = 0; i < count; i++) dst[at + i] = src.getShort(i * 2); }
            case I8 -> { for (int i = 0; i < count; i++) dst[at + i] = src.get(i); }
            case U8, BOOL -> { for (int i = 0; i < count; i++) dst[at + i] = src.get(i) & 0xFF; }
        }
    }

    /** IEEE 754 binary16 to float, subnormals, infinities and NaN included. */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        if (exp != 0) return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
        float sub = mant * 0x1p-24f; // subnormal or zero: mant * 2^-24
        return sign != 0 ? -sub : sub;
    }
}
