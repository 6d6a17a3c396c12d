package org.elman.audio.pcm;

/** Little-endian linear PCM sample encodings, with their size in bytes. */
public enum PcmEncoding {
    /** 8-bit unsigned integer, 128 is silence (the WAV convention). */
    U8(1),
    /** 16-bit signed integer. */
    S16LE(2),
    /** 24-bit signed integer packed in 3 bytes. */
    S24LE(3),
    /** 32-bit signed integer. */
    S32LE(4),
    /** 32-bit IEEE float, nominal range [-1, 1]. */
    F32LE(4),
    /** 64-bit IEEE float, nominal range [-1, 1]. */
    F64LE(8);

    private final int bytes;

    PcmEncoding(int bytes) {
        this.bytes = bytes;
    }

    public int bytesPerSample() {
        return bytes;
    }

    public boolean isFloat() {
        return this == F32LE || this == F64LE;
    }

    /** The encoding for an integer WAV sample of the given bit depth (8, 16, 24 or 32), or null. */
    public static PcmEncoding intOfBits(int bits) {
        return switch (bits) {
            case 8 -> U8;
            case 16 -> S16LE;
            case 24 -> S24LE;
            case 32 -> S32LE;
            default -> null;
        };
    }

    /** The encoding for a float WAV sample of the given bit depth (32 or 64), or null. */
    public static PcmEncoding floatOfBits(int bits) {
        return bits == 32 ? F32LE : bits == 64 ? F64LE : null;
    }
}
