package org.elman.backend;

import org.elman.backend.cpu.CpuBackend;

/** Where ops find their backend. The CPU backend is the default and the reference. */
public final class Backends {
    private static volatile Backend current;

    private Backends() {}

    public static Backend current() {
        Backend b = current;
        if (b == null) {
            synchronized (Backends.class) {
                if (current == null) current = CpuBackend.create();
                b = current;
            }
        }
        return b;
    }

    /** Replaces the process-wide backend (for tests and GPU use). */
    public static void use(Backend backend) {
        current = backend;
    }
}
