package org.elman.server;

/** Little-endian signed 16-bit PCM (the vosk protocol's audio) to and from floats in [-1, 1). */
public final class Pcm16 {
    private Pcm16() {
    }

    /** PCM16LE bytes as samples; throws on an odd byte count. */
    public static float[] toFloats(byte[] b) {
        if (b.length % 2 != 0) throw new IllegalArgumentException("PCM16 data needs an even byte count, got " + b.length);
        float[] x = new float[b.length / 2];
        for (int i = 0; i < x.length; i++) x[i] = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8)) / 32768f;
        return x;
    }

    /** Samples in [-1, 1] as PCM16LE, rounded and clipped. */
    public static byte[] fromFloats(float[] x) {
        byte[] b = new byte[2 * x.length];
        for (int i = 0; i < x.length; i++) {
            int v = Math.max(-32768, Math.min(32767, Math.round(x[i] * 32768f)));
            b[2 * i] = (byte) v;
            b[2 * i + 1] = (byte) (v >> 8);
        }
        return b;
    }
}
