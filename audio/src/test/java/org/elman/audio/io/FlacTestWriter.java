package org.elman.audio.io;

import java.io.ByteArrayOutputStream;

/**
 * Writes minimal FLAC files for tests: STREAMINFO plus fixed-blocksize frames whose subframes are
 * VERBATIM (uncompressed), with the CRC-8 header and CRC-16 frame checksums the format requires.
 */
final class FlacTestWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long acc;
    private int nbits;

    /** {@code samples[c][i]}: integer samples per channel; frames of {@code blockSize} samples. */
    static byte[] write(int[][] samples, int rate, int bits, int blockSize) {
        FlacTestWriter w = new FlacTestWriter();
        int channels = samples.length, n = samples[0].length;
        w.bytes('f', 'L', 'a', 'C');
        w.bits(1, 1);
        w.bits(0, 7);
        w.bits(34, 24);
        w.bits(blockSize, 16);
        w.bits(blockSize, 16);
        w.bits(0, 24);
        w.bits(0, 24);
        w.bits(rate, 20);
        w.bits(channels - 1, 3);
        w.bits(bits - 1, 5);
        w.bits(n >>> 4, 32);
        w.bits(n & 15, 4);
        for (int i = 0; i < 16; i++) w.bits(0, 8);
        for (int start = 0, frame = 0; start < n; start += blockSize, frame++) {
            w.frame(samples, start, Math.min(blockSize, n - start), frame, bits);
        }
        return w.out.toByteArray();
    }

    private void frame(int[][] s, int start, int len, int frameNumber, int bits) {
        int frameStart = out.size();
        bits(0x3FFE, 14);
        bits(0, 1);
        bits(0, 1);
        bits(7, 4);
        bits(0, 4);
        bits(s.length - 1, 4);
        bits(bits == 8 ? 1 : bits == 16 ? 4 : 6, 3);
        bits(0, 1);
        bits(frameNumber, 8);
        bits(len - 1, 16);
        byte[] all = out.toByteArray();
        bits(crc8(all, frameStart, all.length), 8);
        for (int[] channel : s) {
            bits(0, 1);
            bits(1, 6);
            bits(0, 1);
            for (int i = 0; i < len; i++) bits(channel[start + i] & ((1 << bits) - 1), bits);
        }
        if (nbits > 0) bits(0, 8 - nbits);
        all = out.toByteArray();
        bits(crc16(all, frameStart, all.length), 16);
    }

    private void bytes(char... cs) {
        for (char c : cs) bits(c, 8);
    }

    private void bits(long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            acc = (acc << 1) | ((v >>> i) & 1);
            if (++nbits == 8) {
                out.write((int) acc);
                acc = 0;
                nbits = 0;
            }
        }
    }

    private static int crc8(byte[] b, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= b[i] & 0xff;
            for (int k = 0; k < 8; k++) crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
        }
        return crc;
    }

    private static int crc16(byte[] b, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= (b[i] & 0xff) << 8;
            for (int k = 0; k < 8; k++) crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
        }
        return crc;
    }
}
