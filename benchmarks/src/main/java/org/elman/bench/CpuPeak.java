package org.elman.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The machine's theoretical fp32 peak: cores x clock x FLOPs per cycle, where FLOPs per cycle is
 * 64 with AVX-512 (two 16-wide FMA units), 32 with AVX2+FMA, 8 otherwise (flags from
 * /proc/cpuinfo, Linux only). The clock is measured, not read: under a hypervisor /proc/cpuinfo
 * reports the nominal clock (2596 MHz on the development VM, whose cores ran at about 4.2 GHz, so
 * OpenBLAS's AVX-512 GEMM measured 1.2 times that "peak"). The measurement times a chain of
 * dependent shift, xor and add instructions, one cycle each on current x86-64 cores, on one
 * thread; it assumes all cores run at that clock.
 */
final class CpuPeak {
    private static final int STEPS = 100_000_000;

    private CpuPeak() {}

    static double gflops() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            String flags = lines.stream().filter(l -> l.startsWith("flags")).findFirst().orElse("");
            int perCycle = flags.contains(" avx512f") ? 64 : flags.contains(" fma") ? 32 : 8;
            int cores = Runtime.getRuntime().availableProcessors();
            double mhz = measuredMhz();
            System.out.printf("# peak assumption: %d cores x %.0f MHz (measured) x %d FLOP/cycle%n", cores, mhz, perCycle);
            return cores * mhz * perCycle / 1000.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The median over 7 rounds (after 2 unmeasured) of the chain's cycles per microsecond. */
    static double measuredMhz() {
        double[] mhz = new double[7];
        long sink = 0;
        for (int round = -2; round < mhz.length; round++) {
            long t0 = System.nanoTime();
            sink += chain(round, STEPS);
            long ns = System.nanoTime() - t0;
            if (round >= 0) mhz[round] = 3.0 * STEPS / ns * 1000;
        }
        if (sink == 42) System.out.print(""); // keeps the chain's result alive
        Arrays.sort(mhz);
        return mhz[mhz.length / 2];
    }

    /** Three dependent one-cycle operations per step (shift, xor, add): the JIT cannot shorten it. */
    private static long chain(long x, int steps) {
        for (int i = 0; i < steps; i++) x = (x ^ (x >>> 3)) + 1;
        return x;
    }
}
