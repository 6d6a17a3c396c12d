package org.elman.backend.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Which kernel set ("core") OpenBLAS runs, and whether the environment variable
 * {@code OPENBLAS_CORETYPE} forced it. OpenBLAS picks its core from the CPU when it loads; a
 * forced core narrower than the CPU (say {@code Haswell}, AVX2, on a CPU with AVX-512) halves GEMM
 * speed, which the backend's log line then says. Elman never overrides the variable: it is the
 * user's (or the machine's) setting.
 */
final class OpenBlasCore {
    /** OpenBLAS's {@code gotoblas_<SUFFIX>} kernel tables, with the names OpenBLAS prints for them. */
    private static final Map<String, String> CORES = Map.ofEntries(
            Map.entry("PRESCOTT", "Prescott"), Map.entry("CORE2", "Core2"), Map.entry("PENRYN", "Penryn"),
            Map.entry("DUNNINGTON", "Dunnington"), Map.entry("NEHALEM", "Nehalem"), Map.entry("ATOM", "Atom"),
            Map.entry("SANDYBRIDGE", "Sandybridge"), Map.entry("HASWELL", "Haswell"),
            Map.entry("SKYLAKEX", "SkylakeX"), Map.entry("COOPERLAKE", "Cooperlake"),
            Map.entry("SAPPHIRERAPIDS", "SapphireRapids"), Map.entry("OPTERON", "Opteron"),
            Map.entry("BARCELONA", "Barcelona"), Map.entry("BOBCAT", "Bobcat"), Map.entry("BULLDOZER", "Bulldozer"),
            Map.entry("PILEDRIVER", "Piledriver"), Map.entry("STEAMROLLER", "Steamroller"),
            Map.entry("EXCAVATOR", "Excavator"), Map.entry("ZEN", "Zen"), Map.entry("ARMV8", "ARMV8"),
            Map.entry("CORTEXA57", "CortexA57"), Map.entry("NEOVERSEN1", "NeoverseN1"),
            Map.entry("NEOVERSEV1", "NeoverseV1"), Map.entry("NEOVERSEN2", "NeoverseN2"));
    /** Cores whose single-precision GEMM uses 512-bit vectors. */
    private static final Set<String> AVX512_CORES = Set.of("SkylakeX", "Cooperlake", "SapphireRapids");
    /** The CPU features OpenBLAS's AVX-512 kernels need. */
    private static final List<String> AVX512_FLAGS = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

    private OpenBlasCore() {}

    /** The active core's name as OpenBLAS spells it, or "unknown"; OpenBLAS must be loaded. */
    static String active() {
        Pointer selected = Loader.addressof("gotoblas");
        if (selected == null) return "unknown";
        long table = new PointerPointer<Pointer>(selected).get(0).address();
        for (Map.Entry<String, String> e : CORES.entrySet()) {
            Pointer p = Loader.addressof("gotoblas_" + e.getKey());
            if (p != null && p.address() == table) return e.getValue();
        }
        return "unknown";
    }

    /** Whether {@code name} (any case) is one of the kernel sets {@link #active} can report. */
    static boolean known(String name) {
        return CORES.values().stream().anyMatch(v -> v.equalsIgnoreCase(name.strip()));
    }

    /** For the backend's log line, e.g. "Cooperlake kernels" or the forced core with a hint. */
    static String describe() {
        String forced = System.getenv("OPENBLAS_CORETYPE");
        return describe(active(), forced, forced == null || forced.isBlank() ? Set.of() : cpuFlags());
    }

    /**
     * {@code core} kernels; when {@code forced} (the variable's value, or null) chose them and
     * {@code cpuFlags} show AVX-512 that the core does not use, says how to get the wider kernels.
     */
    static String describe(String core, String forced, Set<String> cpuFlags) {
        if (forced == null || forced.isBlank()) return core + " kernels";
        String name = forced.strip();
        if (!core.equalsIgnoreCase(name) && !core.equals("unknown")) {
            // OpenBLAS ignores a name it does not know and picks by the CPU
            return core + " kernels; OPENBLAS_CORETYPE=" + name + " names none that this OpenBLAS has";
        }
        String text = core + " kernels, set by OPENBLAS_CORETYPE=" + name;
        if (!AVX512_CORES.contains(core) && cpuFlags.containsAll(AVX512_FLAGS)) {
            text += "; this CPU has AVX-512: unset OPENBLAS_CORETYPE to let OpenBLAS use its AVX-512 kernels";
        }
        return text;
    }

    /** The feature flags of the first CPU in /proc/cpuinfo; empty where there is none (not Linux). */
    static Set<String> cpuFlags() {
        try {
            return flagsOf(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /** The words of the first "flags" line of a /proc/cpuinfo text. */
    static Set<String> flagsOf(List<String> cpuinfo) {
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals("flags")) {
                return Set.copyOf(Arrays.asList(line.substring(colon + 1).strip().split("\\s+")));
            }
        }
        return Set.of();
    }
}
