package org.elman.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.elman.audio.AudioData;
import org.elman.audio.feature.FeatureExtractor;
import org.elman.audio.feature.FeatureMatrix;
import org.elman.audio.feature.FrontendConfig;
import org.elman.audio.io.AudioFiles;
import org.elman.audio.io.WavWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturesCommandTest {
    @TempDir
    Path tmp;
    Path wav;

    /** 0.5 s at 16 kHz: a 440 Hz tone plus a little seeded noise; 1 + (8000 - 400) / 160 = 48 frames. */
    @BeforeEach
    void writeWav() throws IOException {
        float[] x = new float[8000];
        Random rng = new Random(3);
        for (int i = 0; i < x.length; i++) x[i] = (float) (0.4 * Math.sin(2 * Math.PI * 440 * i / 16000.0) + 0.01 * rng.nextGaussian());
        wav = tmp.resolve("tone.wav");
        WavWriter.writePcm16(wav, new AudioData(x, 16000));
    }

    private static float[][] parseRows(List<String> lines, String sep) {
        return lines.stream().map(l -> {
            String[] f = l.split(sep);
            float[] v = new float[f.length];
            for (int i = 0; i < f.length; i++) v[i] = Float.parseFloat(f[i]);
            return v;
        }).toArray(float[][]::new);
    }

    private FeatureMatrix reference(FrontendConfig cfg) throws IOException {
        return new FeatureExtractor(cfg).compute(AudioFiles.read(wav, cfg.sampleRateHz()));
    }

    @Test
    void textOutputMatchesTheExtractor() throws IOException {
        Cli r = Cli.run("features", wav.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("# " + wav + ": 48 frames x 80"), lines.get(0));
        float[][] rows = parseRows(lines.subList(1, lines.size()), " ");
        FeatureMatrix ref = reference(FrontendConfig.defaults());
        assertEquals(48, rows.length);
        for (int t = 0; t < rows.length; t++) assertArrayEquals(ref.row(t), rows[t], 1e-4f, "frame " + t);
    }

    @Test
    void typesAndBinsGiveTheDocumentedWidths() {
        assertTrue(Cli.run("features", wav.toString(), "--bins", "40").out().startsWith("# " + wav + ": 48 frames x 40"));
        assertTrue(Cli.run("features", wav.toString(), "--type", "kaldi-fbank").out().contains("48 frames x 23"));
        assertTrue(Cli.run("features", wav.toString(), "--type", "mfcc").out().contains("48 frames x 13"));
        assertTrue(Cli.run("features", wav.toString(), "--type", "mfcc", "--ceps", "20").out().contains("48 frames x 20"));
        assertTrue(Cli.run("features", wav.toString(), "--type", "spectrogram").out().contains("48 frames x 257"));
        assertTrue(Cli.run("features", wav.toString(), "--bins", "40", "--deltas").out().contains("48 frames x 120"));
        assertTrue(Cli.run("features", wav.toString(), "--set", "frameShiftMs=20").out().contains("24 frames x 80"));
    }

    @Test
    void csvHasFullPrecisionAndCmvnCentresEachColumn() throws IOException {
        Path csv = tmp.resolve("f.csv");
        Cli r = Cli.run("features", wav.toString(), "--format", "csv", "--cmvn", "--bins", "20", "-o", csv.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("48 frames x 20 -> " + csv), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("f0,f1,"), lines.get(0));
        float[][] rows = parseRows(lines.subList(1, lines.size()), ",");
        for (int d = 0; d < 20; d++) {
            double mean = 0, sq = 0;
            for (float[] row : rows) {
                mean += row[d];
                sq += row[d] * row[d];
            }
            assertEquals(0, mean / rows.length, 1e-4, "column " + d);
            assertEquals(1, sq / rows.length, 1e-3, "column " + d);
        }
    }

    @Test
    void npyHasANumpyHeaderAndLittleEndianFloats() throws IOException {
        Path npy = tmp.resolve("f.npy");
        Cli r = Cli.run("features", wav.toString(), "--type", "mfcc", "--format", "npy", "--out", npy.toString());
        assertEquals(0, r.exitCode(), r.err());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(npy)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals((byte) 0x93, b.get(0));
        assertEquals("NUMPY", new String(b.array(), 1, 5, StandardCharsets.US_ASCII));
        int headerLen = b.getShort(8);
        assertEquals(0, (10 + headerLen) % 64);
        String header = new String(b.array(), 10, headerLen, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (48, 13), }"), header);
        assertTrue(header.endsWith("\n"));
        FeatureMatrix ref = reference(new FeaturesCommand().withType("mfcc").config());
        assertEquals(10 + headerLen + 4 * 48 * 13, b.capacity());
        b.position(10 + headerLen);
        for (int i = 0; i < 48 * 13; i++) assertEquals(ref.data()[i], b.getFloat(), 0f, "value " + i);
    }

    @Test
    void usageErrors() {
        assertUsage(Cli.run("features", wav.toString(), "--format", "npy"), "--format npy");
        assertUsage(Cli.run("features", wav.toString(), "--type", "plp"), "unknown feature type 'plp'");
        assertUsage(Cli.run("features", wav.toString(), "--type", "spectrogram", "--bins", "20"), "--bins does not apply");
        assertUsage(Cli.run("features", wav.toString(), "--ceps", "20"), "--ceps only applies");
        assertUsage(Cli.run("features", wav.toString(), "--set", "colour=blue"), "unknown keys [colour]");
        assertUsage(Cli.run("features", wav.toString(), "--bins", "0"), "numMelBins");
        assertUsage(Cli.run("features", wav.toString(), "--format", "xml"), "--format");
        assertUsage(Cli.run("features"), "FILE");
    }

    private static void assertUsage(Cli r, String fragment) {
        assertEquals(Elman.EXIT_USAGE, r.exitCode(), r.err());
        assertTrue(r.err().contains(fragment), "expected '" + fragment + "' in: " + r.err());
        assertTrue(r.err().startsWith("elman features: "), r.err());
    }

    @Test
    void missingAndBrokenFilesAreRuntimeErrorsNamingTheFile() throws IOException {
        Path missing = tmp.resolve("missing.wav");
        Cli r = Cli.run("features", missing.toString());
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        assertEquals("elman features: " + missing + ": audio file not found", r.err().strip());
        Path junk = tmp.resolve("junk.wav");
        Files.write(junk, "RIFF\0\0\0\0WAVEnonsense".getBytes(StandardCharsets.US_ASCII));
        Cli j = Cli.run("features", junk.toString());
        assertEquals(Elman.EXIT_FAILURE, j.exitCode());
        assertEquals(1, j.errLines().length, j.err());
        assertTrue(j.err().startsWith("elman features: " + junk + ": "), j.err());
        Cli o = Cli.run("features", wav.toString(), "--out", tmp.resolve("no/such/dir/f.txt").toString());
        assertEquals(Elman.EXIT_FAILURE, o.exitCode());
        assertTrue(o.err().contains("does not exist"), o.err());
    }
}
