package org.elman.train;

import java.nio.charset.StandardCharsets;

/** SplitMix64's output function and a stable 64-bit hash of names, for seeding. */
final class SplitMix64 {
    private SplitMix64() {}

    /** The SplitMix64 finaliser (Steele, Lea &amp; Flood 2014): a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a over the UTF-8 bytes, then mixed: stable across JVMs, unlike {@code String.hashCode}. */
    static long hash(String name) {
        long h = 0xCBF29CE484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return mix(h);
    }
}
