package org.elman.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deterministic named random streams from one master seed: {@code stream("dropout")} and {@code
 * stream("shuffle")} are independent {@link Rng}s whose seeds are {@code mix(master) ^
 * hash(name)}, so adding a new stream never shifts the numbers of another. The same name always
 * returns the same instance. {@link #state()} / {@link #loadState(Map)} save and restore every
 * stream's position for exact resume.
 *
 * <pre>{@code
 * Seeds seeds = new Seeds(1234);
 * Tensor w = Tensor.randn(seeds.stream("init"), 4, 4);
 * }</pre>
 */
public final class Seeds {
    private final long master;
    private final Map<String, Rng> streams = new LinkedHashMap<>();

    public Seeds(long master) {
        this.master = master;
    }

    public long master() {
        return master;
    }

    /** The stream for {@code name}, created on first use. */
    public Rng stream(String name) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("stream name must be non-empty");
        return streams.computeIfAbsent(name, n -> new Rng(SplitMix64.mix(master) ^ SplitMix64.hash(n)));
    }

    /** Every stream created so far, by name, as {@link Rng#state()} strings. */
    public Map<String, String> state() {
        Map<String, String> out = new LinkedHashMap<>();
        streams.forEach((k, v) -> out.put(k, v.state()));
        return Collections.unmodifiableMap(out);
    }

    /** Restores (creating if needed) each named stream to its saved position. */
    public void loadState(Map<String, String> state) {
        for (Map.Entry<String, String> e : state.entrySet()) stream(e.getKey()).setState(e.getValue());
    }
}
