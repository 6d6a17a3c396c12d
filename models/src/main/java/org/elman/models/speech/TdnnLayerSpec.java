package org.elman.models.speech;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One TDNN layer's context: strictly increasing offsets and a stride. Text form
 * {@code "-3,0,3/3"} (offsets, then {@code /stride} when the stride is not 1); a list joins layers
 * with {@code ;}.
 */
public record TdnnLayerSpec(int[] offsets, int stride) {
    public TdnnLayerSpec {
        if (offsets == null || offsets.length == 0) throw new IllegalArgumentException("TDNN layer needs at least one offset");
        offsets = offsets.clone();
        for (int i = 1; i < offsets.length; i++) {
            if (offsets[i] <= offsets[i - 1]) throw new IllegalArgumentException("TDNN offsets must be strictly increasing, got " + Arrays.toString(offsets));
        }
        if (stride < 1) throw new IllegalArgumentException("TDNN stride must be >= 1, got " + stride);
    }

    @Override
    public int[] offsets() {
        return offsets.clone();
    }

    /** Parses {@code "o1,o2,...[/stride]"}. */
    public static TdnnLayerSpec parse(String s) {
        String[] parts = s.trim().split("/");
        if (parts.length > 2 || parts[0].isBlank()) throw new IllegalArgumentException("bad TDNN layer '" + s + "' (expected e.g. -3,0,3/3)");
        try {
            int[] o = Arrays.stream(parts[0].split(",")).mapToInt(p -> Integer.parseInt(p.trim())).toArray();
            return new TdnnLayerSpec(o, parts.length == 2 ? Integer.parseInt(parts[1].trim()) : 1);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad TDNN layer '" + s + "' (expected e.g. -3,0,3/3): " + e.getMessage());
        }
    }

    /** Parses layers joined by {@code ;}. */
    public static List<TdnnLayerSpec> parseList(String s) {
        List<TdnnLayerSpec> out = new ArrayList<>();
        for (String p : s.split(";")) out.add(parse(p));
        return out;
    }

    public String format() {
        String o = Arrays.stream(offsets).mapToObj(Integer::toString).collect(Collectors.joining(","));
        return stride == 1 ? o : o + "/" + stride;
    }

    public static String formatList(List<TdnnLayerSpec> layers) {
        return layers.stream().map(TdnnLayerSpec::format).collect(Collectors.joining(";"));
    }
}
