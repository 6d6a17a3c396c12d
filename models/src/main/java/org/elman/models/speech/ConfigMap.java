package org.elman.models.speech;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a model configuration ({@code Map<String, String>}) with messages that name the key: a
 * missing key, a value that is not a number, and keys the architecture does not know all fail
 * with {@link IllegalArgumentException}.
 */
public final class ConfigMap {
    private final String who;
    private final Map<String, String> map;

    public ConfigMap(String who, Map<String, String> map) {
        if (map == null) throw new IllegalArgumentException(who + " config is null");
        this.who = who;
        this.map = new LinkedHashMap<>(map);
    }

    /** Fails when a key other than {@code known} is present. */
    public ConfigMap onlyKeys(Set<String> known) {
        Set<String> unknown = new TreeSet<>(map.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(who + " config has unknown keys " + unknown + " (known: " + new TreeSet<>(known) + ")");
        }
        return this;
    }

    public String string(String key) {
        String v = map.get(key);
        if (v == null) throw new IllegalArgumentException(who + " config is missing '" + key + "'");
        return v;
    }

    public String string(String key, String fallback) {
        return map.getOrDefault(key, fallback);
    }

    public int integer(String key) {
        String v = string(key);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(who + " config '" + key + "' = '" + v + "' is not an integer");
        }
    }

    public float number(String key) {
        String v = string(key);
        try {
            return Float.parseFloat(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(who + " config '" + key + "' = '" + v + "' is not a number");
        }
    }

    public boolean bool(String key) {
        String v = string(key).trim();
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(who + " config '" + key + "' = '" + v + "' is not true or false");
        }
        return Boolean.parseBoolean(v);
    }
}
