package org.elman.models.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The training log {@code train_log.csv}: header {@value #HEADER} (epochs counted from 1, step
 * = updates done), one row per update (dev columns empty) and one row per validation (loss and grad norm empty). On resume the rows past
 * the checkpoint's step are dropped, so the file matches an uninterrupted run.
 */
final class TrainLog {
    static final String HEADER = "step,epoch,loss,lr,grad_norm,dev_wer,dev_cer";

    /** One row; NaN stands for an empty cell. */
    record Row(long step, int epoch, double loss, double lr, double gradNorm, double devWer, double devCer) {
        boolean isValidation() {
            return !Double.isNaN(devWer);
        }
    }

    private final Path file;
    private final List<Row> rows = new ArrayList<>();

    TrainLog(Path file) {
        this.file = file;
    }

    /** Starts a fresh log, or keeps the rows of an existing one up to {@code step} when resuming. */
    void open(boolean resume, long step) throws IOException {
        rows.clear();
        if (resume && Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                Row r = parse(lines.get(i));
                if (r.step() <= step) rows.add(r);
            }
        }
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) sb.append(format(r)).append('\n');
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    void add(Row r) throws IOException {
        rows.add(r);
        Files.writeString(file, format(r) + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    List<Row> rows() {
        return rows;
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    static String format(Row r) {
        return r.step() + "," + r.epoch() + "," + cell(r.loss()) + "," + cell(r.lr()) + "," + cell(r.gradNorm()) + ","
                + cell(r.devWer()) + "," + cell(r.devCer());
    }

    private Row parse(String line) {
        String[] c = line.split(",", -1);
        if (c.length != 7) throw new IllegalArgumentException(file + ": bad log line '" + line + "'");
        return new Row(Long.parseLong(c[0]), Integer.parseInt(c[1]), num(c[2]), num(c[3]), num(c[4]), num(c[5]), num(c[6]));
    }

    private static double num(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
