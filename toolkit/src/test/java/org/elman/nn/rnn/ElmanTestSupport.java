package org.elman.nn.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.elman.autograd.GradCheck;
import org.elman.ops.Reshape;
import org.elman.tensor.Tensor;

/** Shared helpers of the Elman-family tests: gradient checks, comparisons, a small JSON reader. */
final class ElmanTestSupport {
    private ElmanTestSupport() {}

    static Tensor randn(long seed, float scale, int... shape) {
        return Tensor.randn(new Random(seed), shape).mul(scale);
    }

    /** The output sequence and every state part, flattened into one vector (so all get checked). */
    static Tensor outputAndState(RnnOutput out) {
        List<Tensor> parts = new ArrayList<>();
        parts.add(out.output().reshape(-1));
        for (Tensor s : out.state().parts()) parts.add(s.reshape(-1));
        return Reshape.concat(0, parts.toArray(Tensor[]::new));
    }

    /** Finite-difference check of {@code f} against every tensor in {@code inputs}. */
    static void assertGradients(Supplier<Tensor> f, List<Tensor> inputs, float eps, double tolerance) {
        for (Tensor t : inputs) t.requiresGrad(true);
        GradCheck.Result r = GradCheck.check(f, inputs, eps);
        assertTrue(r.passed(tolerance), "gradient check failed, max error " + r.maxError() + " at " + r.where());
    }

    static void assertClose(Tensor expected, Tensor actual, double tol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(e[i] - a[i]);
            assertTrue(err <= tol * Math.max(1, Math.abs(e[i])), what + "[" + i + "]: expected " + e[i] + " got " + a[i]);
        }
    }

    /** Rows {@code [0, len)} of step axis 0 and batch column {@code n} of a {@code (T, N, ...)} tensor. */
    static Tensor sequence(Tensor seq, int n, int len) {
        return Reshape.narrow(Reshape.narrow(seq, 1, n, 1), 0, 0, len).detach();
    }

    // ---- fixtures ----

    /** Parses a JSON resource into maps, lists, doubles and strings. */
    static Map<String, Object> loadJson(String resource) throws IOException {
        try (InputStream in = ElmanTestSupport.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("missing test resource " + resource);
            JsonReader r = new JsonReader(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            @SuppressWarnings("unchecked")
            Map<String, Object> doc = (Map<String, Object>) r.value();
            return doc;
        }
    }

    /** A fixture tensor {@code {"shape": [...], "data": [...]}}. */
    @SuppressWarnings("unchecked")
    static Tensor tensor(Object node) {
        Map<String, Object> m = (Map<String, Object>) node;
        List<Object> shape = (List<Object>) m.get("shape");
        List<Object> data = (List<Object>) m.get("data");
        int[] s = shape.stream().mapToInt(v -> ((Double) v).intValue()).toArray();
        float[] d = new float[data.size()];
        for (int i = 0; i < d.length; i++) d[i] = ((Double) data.get(i)).floatValue();
        return Tensor.of(d, s);
    }

    /** Just enough JSON for the fixtures: objects, arrays, numbers, strings without escapes. */
    private static final class JsonReader {
        private final String s;
        private int at;

        JsonReader(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(at);
            if (c == '{') return object();
            if (c == '[') return array();
            if (c == '"') return string();
            int start = at;
            while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) at++;
            if (start == at) throw new IllegalStateException("unexpected '" + c + "' at " + at);
            return Double.parseDouble(s.substring(start, at));
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            at++;
            while (next() != '}') {
                String key = string();
                skip();
                expect(':');
                m.put(key, value());
                if (next() == ',') at++;
            }
            at++;
            return m;
        }

        private List<Object> array() {
            List<Object> l = new ArrayList<>();
            at++;
            while (next() != ']') {
                l.add(value());
                if (next() == ',') at++;
            }
            at++;
            return l;
        }

        private String string() {
            skip();
            expect('"');
            int end = s.indexOf('"', at);
            String v = s.substring(at, end);
            at = end + 1;
            return v;
        }

        private char next() {
            skip();
            return s.charAt(at);
        }

        private void expect(char c) {
            if (s.charAt(at) != c) throw new IllegalStateException("expected '" + c + "' at " + at);
            at++;
        }

        private void skip() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) at++;
        }
    }
}
