package org.elman.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine's theoretical fp32 peak: cores x clock x FLOPs per cycle, where FLOPs per cycle is
 * 64 with AVX-512 (two 16-wide FMA units), 32 with AVX2+FMA, 8 otherwise. Linux only; the clock
 * is the "cpu MHz" that /proc/cpuinfo reports (nominal under a hypervisor).
 */
final class CpuPeak {
    private CpuPeak() {}

    static double gflops() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            double mhz = lines.stream().filter(l -> l.startsWith("cpu MHz")).mapToDouble(l -> Double.parseDouble(l.split(":")[1].trim())).max().orElse(0);
            String flags = lines.stream().filter(l -> l.startsWith("flags")).findFirst().orElse("");
            int perCycle = flags.contains(" avx512f") ? 64 : flags.contains(" fma") ? 32 : 8;
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf("# peak assumption: %d cores x %.0f MHz x %d FLOP/cycle%n", cores, mhz, perCycle);
            return cores * mhz * perCycle / 1000.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
