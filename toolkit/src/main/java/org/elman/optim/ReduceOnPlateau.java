package org.elman.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lowers the learning rate when a monitored metric stops improving, as PyTorch's {@code
 * ReduceLROnPlateau}. Call {@link #step(double)} once per evaluation with the metric.
 *
 * <p>A value is an improvement in mode {@link Mode#MIN} when it is below {@code best * (1 -
 * threshold)} (relative threshold) or {@code best - threshold} (absolute); mirrored for {@link
 * Mode#MAX}. After more than {@code patience} evaluations without improvement the rate becomes
 * {@code max(lr * factor, minLr)} (unchanged when that moves it by less than {@code 1e-8}), then
 * {@code cooldown} evaluations pass during which bad evaluations are not counted.
 */
public final class ReduceOnPlateau {
    /** Whether smaller or larger metric values are better. */
    public enum Mode { MIN, MAX }

    private static final double MIN_CHANGE = 1e-8;

    private final Optimizer optimizer;
    private final Mode mode;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final boolean relative;
    private final int cooldown;
    private final double minLr;

    private double best;
    private int badEvaluations;
    private int cooldownLeft;

    private ReduceOnPlateau(Builder b) {
        this.optimizer = b.optimizer;
        this.mode = b.mode;
        this.factor = b.factor;
        this.patience = b.patience;
        this.threshold = b.threshold;
        this.relative = b.relative;
        this.cooldown = b.cooldown;
        this.minLr = b.minLr;
        this.best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Records one evaluation; returns true when it lowered the learning rate. */
    public boolean step(double metric) {
        if (Double.isNaN(metric)) throw new IllegalArgumentException("ReduceOnPlateau: metric is NaN");
        if (isBetter(metric)) {
            best = metric;
            badEvaluations = 0;
        } else {
            badEvaluations++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEvaluations = 0;
        }
        if (badEvaluations <= patience) return false;
        cooldownLeft = cooldown;
        badEvaluations = 0;
        double old = optimizer.lr();
        double lowered = Math.max(old * factor, minLr);
        if (old - lowered <= MIN_CHANGE) return false;
        optimizer.setLr(lowered);
        return true;
    }

    private boolean isBetter(double a) {
        if (mode == Mode.MIN) return relative ? a < best * (1 - threshold) : a < best - threshold;
        return relative ? a > best * (1 + threshold) : a > best + threshold;
    }

    public double best() {
        return best;
    }

    /** Counters as exact strings, for checkpoints. */
    public Map<String, String> state() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("best", Double.toString(best));
        s.put("bad_evaluations", Integer.toString(badEvaluations));
        s.put("cooldown_left", Integer.toString(cooldownLeft));
        return s;
    }

    public void loadState(Map<String, String> s) {
        try {
            double newBest = Double.parseDouble(require(s, "best"));
            int bad = Integer.parseInt(require(s, "bad_evaluations"));
            int cool = Integer.parseInt(require(s, "cooldown_left"));
            best = newBest;
            badEvaluations = bad;
            cooldownLeft = cool;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ReduceOnPlateau state: bad number " + e.getMessage());
        }
    }

    private static String require(Map<String, String> s, String key) {
        String v = s.get(key);
        if (v == null) throw new IllegalArgumentException("ReduceOnPlateau state: missing '" + key + "'");
        return v;
    }

    /** Settings; the optimizer is required, the rest default to PyTorch's values. */
    public static final class Builder {
        private Optimizer optimizer;
        private Mode mode = Mode.MIN;
        private double factor = 0.1;
        private int patience = 10;
        private double threshold = 1e-4;
        private boolean relative = true;
        private int cooldown;
        private double minLr;

        public Builder setOptimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        public Builder optMode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /** Multiplier applied on a plateau, in (0, 1); default 0.1. */
        public Builder optFactor(double factor) {
            this.factor = factor;
            return this;
        }

        /** Evaluations without improvement tolerated before lowering; default 10. */
        public Builder optPatience(int patience) {
            this.patience = patience;
            return this;
        }

        /** Minimum improvement, relative ({@code relative = true}, default) or absolute; default 1e-4. */
        public Builder optThreshold(double threshold, boolean relative) {
            this.threshold = threshold;
            this.relative = relative;
            return this;
        }

        /** Evaluations to wait after a reduction before counting again; default 0. */
        public Builder optCooldown(int cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        /** Lower bound of the rate; default 0. */
        public Builder optMinLr(double minLr) {
            this.minLr = minLr;
            return this;
        }

        public ReduceOnPlateau build() {
            if (optimizer == null) throw new IllegalArgumentException("ReduceOnPlateau: setOptimizer(...) is required");
            if (!(factor > 0 && factor < 1)) throw new IllegalArgumentException("ReduceOnPlateau factor must be in (0, 1), got " + factor);
            if (patience < 0) throw new IllegalArgumentException("ReduceOnPlateau patience must be >= 0, got " + patience);
            if (cooldown < 0) throw new IllegalArgumentException("ReduceOnPlateau cooldown must be >= 0, got " + cooldown);
            if (!(threshold >= 0)) throw new IllegalArgumentException("ReduceOnPlateau threshold must be >= 0, got " + threshold);
            if (!(minLr >= 0)) throw new IllegalArgumentException("ReduceOnPlateau min lr must be >= 0, got " + minLr);
            return new ReduceOnPlateau(this);
        }
    }
}
