package org.elman.models.data;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/** Kaldi's sort order: {@code LC_ALL=C sort}, i.e. unsigned byte order of the UTF-8 encoding. */
public final class KaldiIds {
    /** Compares strings as {@code LC_ALL=C sort} does. */
    public static final Comparator<String> C_ORDER = KaldiIds::compareBytes;

    private KaldiIds() {
    }

    static int compareBytes(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) return c;
        }
        return Integer.compare(x.length, y.length);
    }
}
