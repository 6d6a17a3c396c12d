package org.elman.bench;

import java.util.Arrays;

/** Median wall time of repeated runs after warm-up. */
final class Timer {
    private Timer() {}

    /** Median milliseconds of {@code reps} runs after {@code warmup} unmeasured runs. */
    static double medianMs(int warmup, int reps, Runnable body) {
        for (int i = 0; i < warmup; i++) body.run();
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            body.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[reps / 2];
    }

    static void figure(String name, double value, String unit) {
        System.out.printf("%s = %.3f %s%n", name, value, unit);
    }

    /** Prints a ratio; greater than 1 means Elman is faster. */
    static void ratio(String name, double peerMs, double oursMs) {
        System.out.printf("%s.vs_pytorch = %.2f%n", name, peerMs / oursMs);
    }
}
