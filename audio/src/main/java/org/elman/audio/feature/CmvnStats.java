package org.elman.audio.feature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Accumulated per-dimension sums for cepstral mean and variance normalisation: frame count, sum and
 * sum of squares (double precision). Accumulate over a training set for global CMVN, or over one
 * utterance for per-utterance CMVN; {@link #apply} normalises {@code (x - mean) / std}.
 *
 * <p>Saved as a small UTF-8 text file: a line {@code elman-cmvn 1}, then {@code dim D},
 * {@code count N}, {@code sum v1 v2 ...}, {@code sumsq v1 v2 ...} (values in Java's round-trip
 * decimal form).
 */
public final class CmvnStats {
    private final int dim;
    private final double[] sum;
    private final double[] sumSq;
    private long count;

    public CmvnStats(int dim) {
        if (dim < 1) throw new IllegalArgumentException("CMVN dim must be >= 1, got " + dim);
        this.dim = dim;
        this.sum = new double[dim];
        this.sumSq = new double[dim];
    }

    public int dim() {
        return dim;
    }

    public long count() {
        return count;
    }

    /** Adds every frame of an utterance. */
    public CmvnStats accumulate(FeatureMatrix m) {
        if (m.dim() != dim) throw new IllegalArgumentException("features have dim " + m.dim() + ", CMVN stats " + dim);
        float[] d = m.data();
        for (int t = 0; t < m.numFrames(); t++) {
            for (int c = 0; c < dim; c++) {
                double v = d[t * dim + c];
                sum[c] += v;
                sumSq[c] += v * v;
            }
        }
        count += m.numFrames();
        return this;
    }

    /** Per-dimension mean (requires at least one frame). */
    public double[] mean() {
        requireFrames();
        double[] m = new double[dim];
        for (int c = 0; c < dim; c++) m[c] = sum[c] / count;
        return m;
    }

    /** Per-dimension standard deviation, floored at 1e-10 to keep the division finite. */
    public double[] std() {
        double[] m = mean();
        double[] s = new double[dim];
        for (int c = 0; c < dim; c++) s[c] = Math.sqrt(Math.max(sumSq[c] / count - m[c] * m[c], 1e-20));
        return s;
    }

    /** Returns normalised copies: {@code x - mean}, and divided by std when {@code normVars}. */
    public FeatureMatrix apply(FeatureMatrix m, boolean normVars) {
        if (m.dim() != dim) throw new IllegalArgumentException("features have dim " + m.dim() + ", CMVN stats " + dim);
        double[] mean = mean(), std = normVars ? std() : null;
        float[] out = m.data().clone();
        for (int i = 0; i < out.length; i++) {
            int c = i % dim;
            double v = out[i] - mean[c];
            out[i] = (float) (normVars ? v / std[c] : v);
        }
        return new FeatureMatrix(out, m.numFrames(), dim);
    }

    /** Per-utterance CMVN: statistics of {@code m} itself applied to {@code m}. */
    public static FeatureMatrix perUtterance(FeatureMatrix m, boolean normVars) {
        if (m.numFrames() == 0) return m.copy();
        return new CmvnStats(m.dim()).accumulate(m).apply(m, normVars);
    }

    public void save(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("elman-cmvn 1");
        lines.add("dim " + dim);
        lines.add("count " + count);
        lines.add(join("sum", sum));
        lines.add(join("sumsq", sumSq));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** Loads stats written by {@link #save}; a malformed file is an IOException naming it and the line. */
    public static CmvnStats load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        try {
            if (lines.size() < 5 || !lines.get(0).equals("elman-cmvn 1")) throw new IOException("not an elman-cmvn 1 file");
            CmvnStats s = new CmvnStats(Integer.parseInt(field(lines.get(1), "dim")[0]));
            s.count = Long.parseLong(field(lines.get(2), "count")[0]);
            parseInto(field(lines.get(3), "sum"), s.sum);
            parseInto(field(lines.get(4), "sumsq"), s.sumSq);
            if (s.count < 0) throw new IOException("negative count");
            return s;
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": bad CMVN stats file: " + e.getMessage(), e);
        }
    }

    private void requireFrames() {
        if (count == 0) throw new IllegalStateException("CMVN stats hold no frames");
    }

    private static String join(String key, double[] v) {
        StringBuilder b = new StringBuilder(key);
        for (double x : v) b.append(' ').append(x);
        return b.toString();
    }

    private static String[] field(String line, String key) throws IOException {
        String[] parts = line.trim().split("\\s+");
        if (!parts[0].equals(key)) throw new IOException("expected line '" + key + " ...', got '" + line + "'");
        return java.util.Arrays.copyOfRange(parts, 1, parts.length);
    }

    private static void parseInto(String[] values, double[] dst) throws IOException {
        if (values.length != dst.length) throw new IOException(values.length + " values, expected " + dst.length);
        for (int i = 0; i < dst.length; i++) dst[i] = Double.parseDouble(values[i]);
    }
}
