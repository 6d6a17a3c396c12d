package org.elman.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.elman.backend.Backends;
import org.junit.jupiter.api.Test;

/** The OpenBLAS core behind the backend's log line: which kernels run, and who chose them. */
class OpenBlasCoreTest {
    private static final Set<String> AVX512 = Set.of("fpu", "avx2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    private static final Set<String> AVX2 = Set.of("fpu", "avx2", "fma");

    @Test
    void flagsComeFromTheFirstFlagsLine() {
        List<String> cpuinfo = List.of("processor\t: 0", "model name\t: Some CPU", "flags\t\t: fpu sse2 avx2  avx512f",
                "bugs\t\t: spectre_v1", "processor\t: 1", "flags\t\t: fpu");
        assertEquals(Set.of("fpu", "sse2", "avx2", "avx512f"), OpenBlasCore.flagsOf(cpuinfo));
        assertEquals(Set.of(), OpenBlasCore.flagsOf(List.of("processor\t: 0", "cpu MHz\t: 2600")));
        assertEquals(Set.of("a"), OpenBlasCore.flagsOf(List.of("flags : a a")), "a repeated flag is no error");
    }

    @Test
    void aDetectedCoreIsNamedPlainly() {
        assertEquals("Cooperlake kernels", OpenBlasCore.describe("Cooperlake", null, AVX512));
        assertEquals("Haswell kernels", OpenBlasCore.describe("Haswell", " ", AVX512));
    }

    @Test
    void aForcedNarrowCoreOnAnAvx512CpuGetsTheHint() {
        String text = OpenBlasCore.describe("Haswell", "Haswell", AVX512);
        assertTrue(text.startsWith("Haswell kernels, set by OPENBLAS_CORETYPE=Haswell; this CPU has AVX-512"), text);
        assertTrue(text.contains("unset OPENBLAS_CORETYPE"), text);
    }

    @Test
    void aForcedNameOpenBlasDoesNotKnowIsCalledOut() {
        assertEquals("Cooperlake kernels; OPENBLAS_CORETYPE=Skylake names none that this OpenBLAS has",
                OpenBlasCore.describe("Cooperlake", "Skylake", AVX512));
        assertTrue(OpenBlasCore.known(" haswell "));
        assertFalse(OpenBlasCore.known("Skylake"));
    }

    @Test
    void aForcedCoreThatFitsTheCpuGetsNoHint() {
        assertEquals("Haswell kernels, set by OPENBLAS_CORETYPE=haswell", OpenBlasCore.describe("Haswell", "haswell", AVX2));
        assertEquals("SkylakeX kernels, set by OPENBLAS_CORETYPE=SkylakeX", OpenBlasCore.describe("SkylakeX", "SkylakeX", AVX512));
    }

    @Test
    void theActiveCoreIsFoundInThisJvm() {
        assumeTrue(Backends.current().name().equals("cpu/openblas"), "OpenBLAS is not loaded here");
        assumeTrue(Set.of("amd64", "x86_64").contains(System.getProperty("os.arch")), "the named cores are x86-64 ones");
        String core = OpenBlasCore.active();
        assertFalse(core.equals("unknown"), "OpenBLAS's kernel table was not found");
        String forced = System.getenv("OPENBLAS_CORETYPE");
        if (forced != null && OpenBlasCore.known(forced)) assertTrue(core.equalsIgnoreCase(forced.strip()), core + " against " + forced);
    }

    @Test
    void theActiveCoreIsTheOneTheEnvironmentForces() throws Exception {
        assumeTrue(Backends.current().name().equals("cpu/openblas"), "OpenBLAS is not loaded here");
        assumeTrue(Set.of("amd64", "x86_64").contains(System.getProperty("os.arch")), "the forced core is an x86-64 one");
        // Prescott (SSE3) runs on every x86-64 CPU, and is not what OpenBLAS would pick by itself
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                OpenBlasCoreTest.class.getName()).redirectErrorStream(true);
        pb.environment().put("OPENBLAS_CORETYPE", "Prescott");
        Process p = pb.start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("active core: Prescott kernels, set by OPENBLAS_CORETYPE=Prescott"), out);
        assertFalse(out.contains("unknown"), out);
    }

    /** Run in the child JVM: loads OpenBLAS and prints what the backend's log line would say. */
    public static void main(String[] args) {
        new OpenBlasGemm();
        System.out.println("active core: " + OpenBlasCore.describe());
    }
}
