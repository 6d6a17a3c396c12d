package org.elman.nn.rnn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elman.tensor.Tensor;

/**
 * Reads the golden-value fixtures written by {@code src/test/python/gen_rnn_fixtures.py}: a
 * minimal JSON reader (objects, arrays, numbers, strings, booleans) for test use only.
 */
final class LstmFixtures {
    private final String s;
    private int at;

    private LstmFixtures(String s) {
        this.s = s;
    }

    /** A parsed fixture: header values and named tensors. */
    record Fixture(Map<String, Object> doc, Map<String, Tensor> tensors) {
        int size(String key) {
            return ((Number) doc.get(key)).intValue();
        }

        int[] lengths() {
            return ((List<?>) doc.get("lengths")).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
        }

        Tensor tensor(String name) {
            Tensor t = tensors.get(name);
            if (t == null) throw new IllegalArgumentException("fixture has no tensor '" + name + "'");
            return t;
        }
    }

    @SuppressWarnings("unchecked")
    static Fixture load(String name) throws IOException {
        try (InputStream in = LstmFixtures.class.getResourceAsStream("/fixtures/rnn/" + name + ".json")) {
            if (in == null) throw new IOException("missing fixture " + name + "; run src/test/python/gen_rnn_fixtures.py");
            Map<String, Object> doc = (Map<String, Object>) new LstmFixtures(new String(in.readAllBytes(), StandardCharsets.UTF_8)).value();
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            ((Map<String, Object>) doc.get("tensors")).forEach((k, v) -> tensors.put(k, toTensor((Map<String, Object>) v)));
            return new Fixture(doc, tensors);
        }
    }

    private static Tensor toTensor(Map<String, Object> m) {
        int[] shape = ((List<?>) m.get("shape")).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
        List<?> data = (List<?>) m.get("data");
        float[] d = new float[data.size()];
        for (int i = 0; i < d.length; i++) d[i] = ((Number) data.get(i)).floatValue();
        return Tensor.of(d, shape);
    }

    private Object value() {
        skip();
        char c = s.charAt(at);
        if (c == '{') return object();
        if (c == '[') return array();
        if (c == '"') return string();
        if (s.startsWith("true", at)) {
            at += 4;
            return Boolean.TRUE;
        }
        if (s.startsWith("false", at)) {
            at += 5;
            return Boolean.FALSE;
        }
        int start = at;
        while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) at++;
        return Double.parseDouble(s.substring(start, at));
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        at++;
        skip();
        if (s.charAt(at) == '}') {
            at++;
            return m;
        }
        while (true) {
            skip();
            String key = string();
            skip();
            expect(':');
            m.put(key, value());
            skip();
            if (s.charAt(at++) == '}') return m;
        }
    }

    private List<Object> array() {
        List<Object> l = new ArrayList<>();
        at++;
        skip();
        if (s.charAt(at) == ']') {
            at++;
            return l;
        }
        while (true) {
            l.add(value());
            skip();
            if (s.charAt(at++) == ']') return l;
        }
    }

    private String string() {
        expect('"');
        int start = at;
        while (s.charAt(at) != '"') at++;
        return s.substring(start, at++);
    }

    private void expect(char c) {
        if (s.charAt(at) != c) throw new IllegalStateException("expected '" + c + "' at " + at);
        at++;
    }

    private void skip() {
        while (at < s.length() && Character.isWhitespace(s.charAt(at))) at++;
    }
}
