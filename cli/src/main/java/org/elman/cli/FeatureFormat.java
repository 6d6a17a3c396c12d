package org.elman.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.elman.audio.feature.FeatureMatrix;

/**
 * Output formats of {@code elman features}.
 *
 * <ul>
 *   <li>{@code text}: a {@code #} comment line (file, shape, settings), then one frame per line,
 *       values separated by spaces with 4 decimals (the layout of {@code FeatureDump});
 *   <li>{@code csv}: a header {@code f0,f1,...}, then one frame per line with full float precision;
 *   <li>{@code npy}: NumPy format 1.0, little-endian float32, C order, shape {@code (T, F)}, readable
 *       with {@code numpy.load}.
 * </ul>
 */
enum FeatureFormat {
    TEXT, CSV, NPY;

    /** True for formats that are text (may go to a terminal). */
    boolean isText() {
        return this != NPY;
    }

    static void writeText(FeatureMatrix m, String header, PrintWriter out) {
        out.println("# " + header);
        StringBuilder line = new StringBuilder();
        for (int t = 0; t < m.numFrames(); t++) {
            line.setLength(0);
            for (int d = 0; d < m.dim(); d++) {
                if (d > 0) line.append(' ');
                line.append(String.format(Locale.ROOT, "%.4f", m.get(t, d)));
            }
            out.println(line);
        }
    }

    static void writeCsv(FeatureMatrix m, PrintWriter out) {
        StringBuilder line = new StringBuilder();
        for (int d = 0; d < m.dim(); d++) line.append(d > 0 ? ",f" : "f").append(d);
        out.println(line);
        for (int t = 0; t < m.numFrames(); t++) {
            line.setLength(0);
            for (int d = 0; d < m.dim(); d++) {
                if (d > 0) line.append(',');
                line.append(m.get(t, d));
            }
            out.println(line);
        }
    }

    /** Writes a {@code .npy} file: magic, version 1.0, header padded so the data starts at a multiple of 64. */
    static void writeNpy(FeatureMatrix m, OutputStream out) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + m.numFrames() + ", " + m.dim() + "), }";
        int unpadded = 10 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer pre = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        pre.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        pre.putShort((short) header.length());
        out.write(pre.array());
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer data = ByteBuffer.allocate(4 * m.numFrames() * m.dim()).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(m.data(), 0, m.numFrames() * m.dim());
        out.write(data.array());
        out.flush();
    }
}
