package org.elman.models.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * PNG plots drawn with {@code java.awt} in headless mode: training curves (loss per step; dev
 * WER and CER per validation) and an attention-alignment heat map.
 */
final class Plots {
    private static final int W = 900;
    private static final int PANEL_H = 300;
    private static final int MARGIN = 50;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /** Two panels: training loss, and dev WER (red) and CER (blue) in percent. */
    static void curves(List<TrainLog.Row> rows, Path png) throws IOException {
        BufferedImage img = new BufferedImage(W, 2 * PANEL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, 2 * PANEL_H);
        List<TrainLog.Row> steps = rows.stream().filter(r -> !r.isValidation()).toList();
        List<TrainLog.Row> dev = rows.stream().filter(TrainLog.Row::isValidation).toList();
        long maxStep = Math.max(1, rows.stream().mapToLong(TrainLog.Row::step).max().orElse(1));
        double maxLoss = steps.stream().mapToDouble(TrainLog.Row::loss).filter(Double::isFinite).max().orElse(1);
        panel(g, 0, "training loss", maxLoss);
        series(g, 0, steps, maxStep, maxLoss, TrainLog.Row::loss, new Color(0, 120, 0));
        double maxErr = Math.max(1, dev.stream().mapToDouble(r -> 100 * Math.max(r.devWer(), r.devCer())).max().orElse(100));
        panel(g, PANEL_H, "dev WER (red) / CER (blue), %", maxErr);
        series(g, PANEL_H, dev, maxStep, maxErr, r -> 100 * r.devWer(), Color.RED);
        series(g, PANEL_H, dev, maxStep, maxErr, r -> 100 * r.devCer(), Color.BLUE);
        g.setColor(Color.BLACK);
        g.drawString("step " + maxStep, W - MARGIN - 60, 2 * PANEL_H - 8);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static void panel(Graphics2D g, int top, String title, double max) {
        g.setColor(Color.BLACK);
        g.drawRect(MARGIN, top + MARGIN / 2, W - 2 * MARGIN, PANEL_H - MARGIN);
        g.drawString(title, MARGIN, top + MARGIN / 2 - 6);
        g.drawString(String.format(Locale.ROOT, "%.3g", max), 4, top + MARGIN / 2 + 10);
        g.drawString("0", 4, top + PANEL_H - MARGIN / 2);
    }

    private static void series(Graphics2D g, int top, List<TrainLog.Row> rows, long maxStep, double max,
                               ToDoubleFunction<TrainLog.Row> y, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(1.5f));
        int h = PANEL_H - MARGIN;
        int px = -1;
        int py = -1;
        for (TrainLog.Row r : rows) {
            double v = y.applyAsDouble(r);
            if (!Double.isFinite(v)) continue;
            int x = MARGIN + (int) Math.round((W - 2.0 * MARGIN) * r.step() / maxStep);
            int yy = top + MARGIN / 2 + h - (int) Math.round(h * Math.min(1, v / max));
            if (px >= 0) g.drawLine(px, py, x, yy);
            else g.fillOval(x - 2, yy - 2, 4, 4);
            px = x;
            py = yy;
        }
    }

    /**
     * Heat map of attention weights {@code [output step][encoder frame]}, darker is more weight;
     * each row is scaled by its maximum so that a flat (untrained) row still shows its peak.
     */
    static void attention(float[][] weights, String title, Path png) throws IOException {
        int rows = Math.max(1, weights.length);
        int cols = weights.length == 0 ? 1 : Math.max(1, weights[0].length);
        int cell = Math.max(2, Math.min(16, 800 / Math.max(rows, cols)));
        BufferedImage img = new BufferedImage(cols * cell + 20, rows * cell + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int i = 0; i < weights.length; i++) {
            float max = 1e-12f;
            for (float w : weights[i]) max = Math.max(max, w);
            for (int j = 0; j < weights[i].length; j++) {
                int v = 255 - Math.round(255 * Math.max(0, Math.min(1, weights[i][j] / max)));
                g.setColor(new Color(v, v, 255));
                g.fillRect(10 + j * cell, 30 + i * cell, cell, cell);
            }
        }
        g.setColor(Color.BLACK);
        g.drawString(title + " (rows: output tokens, columns: encoder frames)", 10, 18);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }
}
