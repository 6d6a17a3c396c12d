package org.elman.models.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One section of a training config file (a YAML mapping) read with checks: every error is a
 * {@link TrainConfigException} naming the file and the dotted key ({@code training.lr}), and
 * {@link #finish()} rejects keys nobody asked for.
 */
final class ConfigSection {
    private final Path file;
    private final String name;
    private final Map<String, Object> values;
    private final Set<String> read = new TreeSet<>();

    ConfigSection(Path file, String name, Object raw) {
        this.file = file;
        this.name = name;
        if (raw == null) {
            this.values = new LinkedHashMap<>();
        } else if (raw instanceof Map<?, ?> m) {
            this.values = new LinkedHashMap<>();
            m.forEach((k, v) -> values.put(String.valueOf(k), v));
        } else {
            throw error(name, "must be a mapping of keys to values, got " + describe(raw));
        }
    }

    TrainConfigException error(String key, String problem) {
        return new TrainConfigException(file + ": " + key + " " + problem);
    }

    private String key(String k) {
        return name + "." + k;
    }

    boolean has(String k) {
        return values.containsKey(k) && values.get(k) != null;
    }

    private Object get(String k, boolean required) {
        read.add(k);
        Object v = values.get(k);
        if (v == null && required) throw error(key(k), "is required");
        return v;
    }

    String string(String k, String fallback) {
        Object v = get(k, fallback == null);
        if (v == null) return fallback;
        if (v instanceof Map || v instanceof Iterable) throw error(key(k), "must be a single value, got " + describe(v));
        return String.valueOf(v);
    }

    /** A required value that is one string or a non-empty list of strings. */
    List<String> strings(String k) {
        Object v = get(k, true);
        if (v instanceof Map) throw error(key(k), "must be a value or a list of values, got " + describe(v));
        if (!(v instanceof Iterable<?> list)) return List.of(String.valueOf(v));
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (o == null || o instanceof Map || o instanceof Iterable) {
                throw error(key(k), "must list single values, got " + describe(o));
            }
            out.add(String.valueOf(o));
        }
        if (out.isEmpty()) throw error(key(k), "must not be an empty list");
        return out;
    }

    long integer(String k, long fallback, long min, long max) {
        Object v = get(k, false);
        if (v == null) return fallback;
        if (!(v instanceof Integer || v instanceof Long)) throw error(key(k), "must be an integer, got " + describe(v));
        long x = ((Number) v).longValue();
        if (x < min || x > max) throw error(key(k), "must be in [" + min + ", " + max + "], got " + x);
        return x;
    }

    double number(String k, double fallback, double min, double max) {
        Object v = get(k, false);
        if (v == null) return fallback;
        if (!(v instanceof Number)) throw error(key(k), "must be a number, got " + describe(v));
        double x = ((Number) v).doubleValue();
        if (!(x >= min && x <= max)) throw error(key(k), "must be in [" + min + ", " + max + "], got " + x);
        return x;
    }

    boolean bool(String k, boolean fallback) {
        Object v = get(k, false);
        if (v == null) return fallback;
        if (!(v instanceof Boolean b)) throw error(key(k), "must be true or false, got " + describe(v));
        return b;
    }

    String choice(String k, String fallback, Set<String> allowed) {
        String v = string(k, fallback);
        if (!allowed.contains(v)) throw error(key(k), "must be one of " + new TreeSet<>(allowed) + ", got '" + v + "'");
        return v;
    }

    /** Every value as a string (scalars only), marking all keys read. */
    Map<String, String> asStrings() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : values.keySet()) out.put(k, string(k, null));
        return out;
    }

    /** Fails on keys that were never read. */
    void finish() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new TrainConfigException(file + ": unknown key(s) " + unknown.stream().map(this::key).toList()
                    + " (known in " + name + ": " + read + ")");
        }
    }

    static String describe(Object v) {
        if (v == null) return "nothing";
        String type = v instanceof Map ? "mapping" : v instanceof Iterable ? "list" : v instanceof String ? "text"
                : v instanceof Boolean ? "boolean" : v instanceof Number ? "number" : v.getClass().getSimpleName();
        return type + " '" + v + "'";
    }
}
