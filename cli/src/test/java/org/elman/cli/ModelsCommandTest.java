package org.elman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elman.io.SafeTensors;
import org.elman.models.data.token.CharTokenizer;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {
    @TempDir
    Path tmp;

    private static Map<String, Tensor> weights() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("w", Tensor.of(new float[12], 3, 4));
        t.put("b", Tensor.of(new float[3], 3));
        return t;
    }

    @Test
    void listsArchitectureAndVocabularyFromMetadata() throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(new CharTokenizer("abc").metadata());
        meta.put("architecture", "bilstm-ctc");
        SafeTensors.write(tmp.resolve("asr.safetensors"), weights(), meta);
        SafeTensors.write(tmp.resolve("bare.safetensors"), weights(), Map.of());
        Files.writeString(tmp.resolve("notes.txt"), "not a model");
        Cli r = Cli.run("models", "--no-default", "--dir", tmp.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        String out = r.out();
        assertTrue(out.startsWith(tmp + ": 2 model files\n"), out);
        int tokens = 5; // <blank>, the word separator |, a, b, c
        assertTrue(out.contains("asr.safetensors  "), out);
        assertTrue(out.contains("2 tensors, 15 parameters, architecture: bilstm-ctc, vocabulary: " + tokens), out);
        assertTrue(out.contains("bare.safetensors  ") && out.contains("architecture: ?, vocabulary: ?"), out);
        Cli l = Cli.run("models", "--no-default", "--dir", tmp.toString(), "--long");
        assertTrue(l.out().contains("      architecture = bilstm-ctc"), l.out());
    }

    @Test
    void bundledFolderOfTheInstallationComesFirst() throws IOException {
        Path bundled = Files.createDirectories(tmp.resolve("home/models/default"));
        SafeTensors.write(bundled.resolve("en.safetensors"), weights(), Map.of("architecture", "tdnn"));
        String saved = System.getProperty(DecodeSettings.HOME_PROPERTY);
        System.setProperty(DecodeSettings.HOME_PROPERTY, tmp.resolve("home").toString());
        try {
            Cli r = Cli.run("models");
            assertEquals(0, r.exitCode(), r.out() + r.err());
            assertTrue(r.out().startsWith(bundled + ": 1 model file\n"), r.out());
            assertTrue(r.out().contains("architecture: tdnn"), r.out());
            assertTrue(!Cli.run("models", "--no-default").out().contains(bundled.toString()));
        } finally {
            if (saved == null) System.clearProperty(DecodeSettings.HOME_PROPERTY);
            else System.setProperty(DecodeSettings.HOME_PROPERTY, saved);
        }
    }

    @Test
    void vocabularyFromSizeKeys() {
        assertEquals(42, ModelInfo.vocabularySize(Map.of("model.vocab_size", "42")));
        assertEquals(3, ModelInfo.vocabularySize(Map.of("vocabulary", "[\"a\",\"b\",\"c\"]")));
        assertEquals(-1, ModelInfo.vocabularySize(Map.of("vocab_size", "many")));
        assertEquals("gru", ModelInfo.architecture(Map.of("encoder.architecture", "gru")));
    }

    @Test
    void featuresFromFrontendKeys() {
        assertEquals("MFCC x 13", ModelInfo.features(Map.of("frontend.featureType", "MFCC", "frontend.numCeps", "13")));
        assertEquals("FBANK x 80", ModelInfo.features(Map.of("frontend.sampleRateHz", "16000")));
        assertEquals(null, ModelInfo.features(Map.of("frontend.numMelBins", "-3")));
        assertEquals(null, ModelInfo.features(Map.of("architecture", "x")));
    }

    @Test
    void corruptFileIsReportedAndFails() throws IOException {
        Path bad = tmp.resolve("bad.safetensors");
        Files.write(bad, new byte[] {1, 2, 3});
        Cli r = Cli.run("models", "--no-default", "--dir", tmp.toString());
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        assertTrue(r.out().contains("  bad.safetensors  unreadable: " + bad + ": "), r.out());
        Path missing = tmp.resolve("none");
        Cli m = Cli.run("models", "--no-default", "--dir", missing.toString());
        assertEquals("elman models: " + missing + ": model folder not found", m.err().strip());
    }
}
