package org.elman.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks the format with an independent reader/writer in Python (json + struct only,
 * {@code src/test/python/safetensors_check.py}). Skipped when python3 is not on the PATH.
 */
class SafeTensorsPythonTest {
    private static final Path SCRIPT = Path.of("src", "test", "python", "safetensors_check.py");

    @TempDir
    Path dir;

    @Test
    void pythonReadsWhatJavaWrites() throws Exception {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("enc.w", Tensor.randn(new Random(5), 2, 3));
        in.put("enc.b", Tensor.vector(-1.25f, 3e-39f));
        in.put("step", Tensor.scalar(12f));
        Path f = dir.resolve("java.safetensors");
        SafeTensors.write(f, in, Map.of("arch", "elman", "vocab", "ä b"));
        JsonNode doc = new ObjectMapper().readTree(python("read", f));
        assertEquals("elman", doc.at("/metadata/arch").asText());
        assertEquals("ä b", doc.at("/metadata/vocab").asText());
        assertEquals(3, doc.get("tensors").size());
        for (Map.Entry<String, Tensor> e : in.entrySet()) {
            JsonNode t = doc.get("tensors").get(e.getKey());
            assertEquals("F32", t.get("dtype").asText());
            assertEquals(e.getValue().dim(), t.get("shape").size());
            float[] values = new float[t.get("values").size()];
            for (int i = 0; i < values.length; i++) values[i] = (float) t.get("values").get(i).asDouble();
            assertArrayEquals(e.getValue().toArray(), values, 0f, e.getKey());
        }
    }

    @Test
    void javaReadsWhatPythonWrites() throws Exception {
        Path f = dir.resolve("py.safetensors");
        python("write", f);
        SafeTensors.Contents c = SafeTensors.read(f);
        assertEquals(Map.of("format", "pt", "note", "written by python"), c.metadata());
        assertArrayEquals(new float[] {-1f, -0.5f, 0f, 0.5f, 1f, 1.5f}, c.tensors().get("weight").toArray());
        assertArrayEquals(new int[] {2, 3}, c.tensors().get("weight").shape());
        assertArrayEquals(new float[] {1.5f, -2f, 65504f, 0x1p-24f, Float.POSITIVE_INFINITY}, c.tensors().get("half").toArray());
        assertArrayEquals(new float[] {1f, -3.5f, 0.15625f}, c.tensors().get("brain").toArray());
        assertArrayEquals(new float[] {1e-3f, 2.5f}, c.tensors().get("double").toArray());
        assertArrayEquals(new float[] {-3f, 0x1p40f}, c.tensors().get("long").toArray());
        assertArrayEquals(new float[] {7f, -8f}, c.tensors().get("int").toArray());
        assertEquals(0, c.tensors().get("scalar").dim());
        assertEquals(42f, c.tensors().get("scalar").item());
    }

    private static String python(String mode, Path file) throws IOException, InterruptedException {
        String exe = findPython();
        assumeTrue(exe != null, "python3 not on PATH");
        assumeTrue(Files.isRegularFile(SCRIPT), "script not found at " + SCRIPT.toAbsolutePath());
        Path err = Files.createTempFile("st-py", ".err");
        try {
            Process p = new ProcessBuilder(exe, SCRIPT.toString(), mode, file.toString()).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("python timed out");
            }
            if (p.exitValue() != 0) throw new AssertionError("python failed: " + Files.readString(err));
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static String findPython() {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String d : path.split(File.pathSeparator)) {
            for (String name : new String[] {"python3", "python3.exe"}) {
                Path exe = Path.of(d, name);
                if (Files.isExecutable(exe)) return exe.toString();
            }
        }
        return null;
    }
}
