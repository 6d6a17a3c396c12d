package org.elman.autograd;

/**
 * Whether operations record nodes for backward, per thread. Use
 * {@code try (var s = GradMode.noGrad()) { ... }} for inference and parameter updates.
 */
public final class GradMode {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private GradMode() {}

    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** Disables recording until the returned scope is closed (scopes nest). */
    public static Scope noGrad() {
        return set(false);
    }

    /** Enables recording until the returned scope is closed. */
    public static Scope enableGrad() {
        return set(true);
    }

    private static Scope set(boolean enabled) {
        boolean previous = ENABLED.get();
        ENABLED.set(enabled);
        return () -> ENABLED.set(previous);
    }

    /** Restores the previous mode on close. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
