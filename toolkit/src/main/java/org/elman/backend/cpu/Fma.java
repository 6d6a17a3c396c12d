package org.elman.backend.cpu;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.logging.Logger;

/**
 * Whether {@link Math#fma} is one machine instruction here. HotSpot compiles it to an FMA
 * instruction when its {@code UseFMA} flag is on (set by default on CPUs that have one: x86 since
 * Haswell, every 64-bit ARM); elsewhere {@code Math.fma} is exact software arithmetic, far too
 * slow for kernels. On a VM without that flag (or without the {@code jdk.management} module) this
 * answers false and kernels keep separate multiplies and adds.
 */
public final class Fma {
    /** True when {@code Math.fma} compiles to a fused multiply-add instruction. */
    public static final boolean AVAILABLE = detect();

    private Fma() {}

    private static boolean detect() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return vm != null && "true".equals(vm.getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError e) {
            Logger.getLogger(Fma.class.getName()).fine("UseFMA unknown (" + e + "): kernels use separate multiplies and adds");
            return false;
        }
    }
}
