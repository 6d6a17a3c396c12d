package org.elman.audio.feature;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.elman.audio.AudioFormatException;
import org.elman.audio.io.AudioFiles;
import org.elman.audio.io.AudioInput;

/**
 * Prints the features of an audio file as text: a comment line with the shape and settings, then
 * one frame per line. Settings are {@code key=value} pairs with the names of
 * {@link FrontendConfig#toMap()}; {@code --cmvn} applies per-utterance mean/variance normalisation
 * and {@code --deltas} appends first and second order deltas.
 *
 * <pre>
 * java ... org.elman.audio.feature.FeatureDump speech.wav featureType=MFCC numMelBins=40 --deltas
 * </pre>
 */
public final class FeatureDump {
    private FeatureDump() {
    }

    public static void main(String[] args) {
        try {
            run(args, System.out);
        } catch (IOException | IllegalArgumentException | AudioFormatException e) {
            System.err.println("FeatureDump: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Parses the arguments, computes the features and prints them to {@code out}. */
    static void run(String[] args, PrintStream out) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: FeatureDump FILE [key=value ...] [--cmvn] [--deltas]; keys: "
                    + FrontendConfig.defaults().toMap().keySet());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        boolean cmvn = false, deltas = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--cmvn")) {
                cmvn = true;
            } else if (a.equals("--deltas")) {
                deltas = true;
            } else if (a.indexOf('=') > 0) {
                settings.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("unrecognised argument '" + a + "' (expected key=value, --cmvn or --deltas)");
            }
        }
        FrontendConfig cfg = FrontendConfig.fromMap(settings);
        FeatureMatrix m;
        try (AudioInput in = AudioFiles.open(Path.of(args[0]), cfg.sampleRateHz())) {
            m = new FeatureExtractor(cfg).compute(in);
        }
        if (cmvn) m = CmvnStats.perUtterance(m, true);
        if (deltas) m = Deltas.compute(m, 2, 2);
        out.printf(Locale.ROOT, "# %s: %d frames x %d, %s%s%s%n", args[0], m.numFrames(), m.dim(), cfg.toMap(),
                cmvn ? " +cmvn" : "", deltas ? " +deltas" : "");
        StringBuilder line = new StringBuilder();
        for (int t = 0; t < m.numFrames(); t++) {
            line.setLength(0);
            for (int d = 0; d < m.dim(); d++) {
                if (d > 0) line.append(' ');
                line.append(String.format(Locale.ROOT, "%.4f", m.get(t, d)));
            }
            out.println(line);
        }
    }
}
