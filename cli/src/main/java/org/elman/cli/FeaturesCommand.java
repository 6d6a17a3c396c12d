package org.elman.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.elman.audio.feature.CmvnStats;
import org.elman.audio.feature.Deltas;
import org.elman.audio.feature.FeatureExtractor;
import org.elman.audio.feature.FeatureMatrix;
import org.elman.audio.feature.FeatureType;
import org.elman.audio.feature.FrontendConfig;
import org.elman.audio.io.AudioFiles;
import org.elman.audio.io.AudioInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code elman features}: the features of one audio file as text, CSV or NumPy. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Computes the features of an audio file (WAV, FLAC; other formats through ffmpeg).",
            "",
            "Types: fbank = the Elman models' front end (log mel filterbank, Kaldi-compatible, 80 bins);",
            "kaldi-fbank = Kaldi compute-fbank-feats defaults (23 bins) with dither 0;",
            "mfcc = Kaldi compute-mfcc-feats defaults (23 bins, 13 cepstra, c0 = log energy) with dither 0;",
            "spectrogram = log power spectrum (fftSize/2+1 values)."})
final class FeaturesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Audio file.")
    Path file;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "fbank",
            description = "fbank, kaldi-fbank, mfcc or spectrogram (default: ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--bins", paramLabel = "N", description = "Mel bins (default 80 for fbank, 23 for kaldi-fbank and mfcc).")
    Integer bins;

    @Option(names = "--ceps", paramLabel = "N", description = "MFCC cepstra (default 13).")
    Integer ceps;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, csv or npy (default: ${DEFAULT-VALUE}); npy needs --out.")
    FeatureFormat format;

    @Option(names = "--cmvn", description = "Per-utterance mean and variance normalisation.")
    boolean cmvn;

    @Option(names = "--deltas", description = "Append first and second order deltas (Kaldi add-deltas).")
    boolean deltas;

    @Option(names = {"-o", "--out"}, paramLabel = "OUT", description = "Output file (default: standard output).")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any front-end setting, e.g. --set sampleRateHz=8000 --set window=HAMMING (names as in FrontendConfig).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException {
        FrontendConfig cfg = config();
        if (format == FeatureFormat.NPY && out == null) {
            throw new ParameterException(spec.commandLine(), "--format npy writes binary data and needs --out FILE");
        }
        Inputs.file(file, "audio file");
        FeatureMatrix m;
        try (AudioInput in = AudioFiles.open(file, cfg.sampleRateHz())) {
            m = new FeatureExtractor(cfg).compute(in);
        }
        if (cmvn) m = CmvnStats.perUtterance(m, true);
        if (deltas) m = Deltas.compute(m, 2, 2);
        write(m, cfg);
        if (out != null) {
            spec.commandLine().getErr().printf(Locale.ROOT, "%s: %d frames x %d -> %s%n", file, m.numFrames(), m.dim(), out);
        }
        return Elman.EXIT_OK;
    }

    /** Sets {@code --type} (for callers outside picocli, such as tests). */
    FeaturesCommand withType(String t) {
        this.type = t;
        return this;
    }

    /** The front-end settings: the preset of {@code --type}, then {@code --bins}/{@code --ceps}, then {@code --set}. */
    FrontendConfig config() {
        FrontendConfig.Builder b = FrontendConfig.builder();
        switch (type.toLowerCase(Locale.ROOT)) {
            case "fbank" -> b.optNumMelBins(bins != null ? bins : 80);
            case "kaldi-fbank" -> b.optNumMelBins(bins != null ? bins : 23);
            case "mfcc" -> b.optFeatureType(FeatureType.MFCC).optNumMelBins(bins != null ? bins : 23)
                    .optNumCeps(ceps != null ? ceps : 13).optUseEnergy(true);
            case "spectrogram" -> {
                if (bins != null) throw usage("--bins does not apply to --type spectrogram (it has fftSize/2+1 values)");
                b.optFeatureType(FeatureType.SPECTROGRAM);
            }
            default -> throw usage("unknown feature type '" + type + "' (expected fbank, kaldi-fbank, mfcc or spectrogram)");
        }
        if (ceps != null && !type.equalsIgnoreCase("mfcc")) throw usage("--ceps only applies to --type mfcc");
        try {
            FrontendConfig cfg = b.build();
            if (settings.isEmpty()) return cfg;
            Map<String, String> all = cfg.toMap();
            all.putAll(settings);
            return FrontendConfig.fromMap(all);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private void write(FeatureMatrix m, FrontendConfig cfg) throws IOException {
        String header = String.format(Locale.ROOT, "%s: %d frames x %d, %s%s%s", file, m.numFrames(), m.dim(),
                cfg.toMap(), cmvn ? " +cmvn" : "", deltas ? " +deltas" : "");
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            writeTextFormat(m, header, w);
            w.flush();
            return;
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new CliException(out + ": output folder " + parent + " does not exist");
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out))) {
            if (format == FeatureFormat.NPY) {
                FeatureFormat.writeNpy(m, os);
            } else {
                PrintWriter w = new PrintWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
                writeTextFormat(m, header, w);
                w.flush();
            }
        }
    }

    private void writeTextFormat(FeatureMatrix m, String header, PrintWriter w) {
        if (format == FeatureFormat.CSV) FeatureFormat.writeCsv(m, w);
        else FeatureFormat.writeText(m, header, w);
    }
}
