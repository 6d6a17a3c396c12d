package org.elman.bench;

import java.util.Random;
import org.elman.backend.Backend;
import org.elman.backend.Backends;
import org.elman.backend.cpu.CpuBackend;

/** GEMM throughput of the CPU backend (OpenBLAS staged, and the pure-Java fallback) against peak. */
final class GemmBench {
    private GemmBench() {}

    static void run() {
        double peak = CpuPeak.gflops();
        Timer.figure("cpu.fp32_peak", peak, "GFLOP/s");
        Backend active = Backends.current();
        for (int n : new int[] {256, 1024, 2048}) {
            double g = gflops(active, n, n, n);
            Timer.figure("gemm." + n + ".active", g, "GFLOP/s");
            Timer.figure("gemm." + n + ".fraction_of_peak", g / peak, "");
        }
        Timer.figure("gemm.rnn_step_16x1024x256.active", gflops(active, 16, 1024, 256), "GFLOP/s");
        Timer.figure("gemm.1024.java_fallback", gflops(CpuBackend.javaOnly(), 1024, 1024, 1024), "GFLOP/s");
        jniArrayCopies();
    }

    /**
     * Why the CPU backend stages operands off-heap: JavaCPP's {@code float[]} overload of
     * {@code cblas_sgemm} copies each whole Java array across JNI, so a small product whose output
     * lives in a large array (a time slice of a long sequence) pays for the whole array.
     */
    private static void jniArrayCopies() {
        int m = 16;
        int n = 1024;
        int k = 256;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] small = new float[m * n];
        float[] large = new float[20_000_000];
        Timer.figure("jni.float_array_sgemm_16x1024x256.small_output", Timer.medianMs(20, 21, () -> rawSgemm(a, b, small)), "ms");
        Timer.figure("jni.float_array_sgemm_16x1024x256.output_in_20M_array", Timer.medianMs(2, 5, () -> rawSgemm(a, b, large)), "ms");
        float[] c = new float[m * n];
        Backend be = Backends.current();
        Timer.figure("jni.staged_sgemm_16x1024x256", Timer.medianMs(20, 21,
                () -> be.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n)), "ms");
    }

    private static void rawSgemm(float[] a, float[] b, float[] c) {
        org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm(org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor,
                org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans, org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans,
                16, 1024, 256, 1f, a, 256, b, 1024, 0f, c, 1024);
    }

    private static double gflops(Backend be, int m, int n, int k) {
        Random r = new Random(1);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
        int reps = (int) Math.max(3, Math.min(200, 2e10 / (2.0 * m * n * k)));
        double ms = Timer.medianMs(2, 5, () -> {
            for (int i = 0; i < reps; i++) be.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        });
        return 2.0 * m * n * k * reps / (ms * 1e6);
    }
}
