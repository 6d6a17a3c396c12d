package org.elman.models.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elman.audio.AudioData;
import org.elman.audio.augment.SpeedPerturb;
import org.elman.audio.io.AudioFiles;
import org.elman.models.data.KaldiDataDir;
import org.elman.models.data.NemoManifest;
import org.elman.models.data.Utterance;
import org.elman.models.data.token.TextNormalizer;
import org.elman.models.data.token.Tokenizer;
import org.elman.models.speech.Recognizer;
import org.elman.tensor.Tensor;

/**
 * A training or dev set in memory: the utterances of a Kaldi data directory (a folder) or a NeMo
 * manifest (a file), their token targets and their features {@code (T, F)} (front end and
 * per-utterance CMVN of a {@link Recognizer}), computed once and cached. With speed perturbation
 * the audio is kept too and the features of each speed factor are cached on first use. Relative
 * audio paths are resolved against the data folder (the manifest's folder).
 */
final class SpeechData {
    private final List<Utterance> utterances;
    private final List<String> texts = new ArrayList<>();
    private final int[][] targets;
    private final List<Tensor> features = new ArrayList<>();
    private final List<float[]> audio = new ArrayList<>();
    private final Map<Long, Tensor> perturbed = new HashMap<>();
    private final Recognizer frontEnd;

    private SpeechData(List<Utterance> utterances, Path base, Recognizer frontEnd, Tokenizer tokenizer, boolean keepAudio)
            throws IOException {
        this.utterances = utterances;
        this.frontEnd = frontEnd;
        this.targets = new int[utterances.size()][];
        int rate = frontEnd.frontend().sampleRateHz();
        for (int i = 0; i < utterances.size(); i++) {
            Utterance u = utterances.get(i);
            float[] samples = read(base.resolve(u.audio()), u, rate);
            if (keepAudio) audio.add(samples);
            try {
                features.add(frontEnd.features(new AudioData(samples, rate)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("utterance " + u.id() + ": " + e.getMessage(), e);
            }
            texts.add(TextNormalizer.normalize(u.text()));
            targets[i] = tokenizer.encode(u.text());
            if (targets[i].length == 0) throw new IllegalArgumentException("utterance " + u.id() + " has no tokens in its transcript");
        }
    }

    /** Reads the utterance list of a Kaldi dir or manifest (no audio). */
    static List<Utterance> list(Path source) throws IOException {
        if (!Files.exists(source)) throw new IOException("data source " + source + " does not exist");
        List<Utterance> u = Files.isDirectory(source) ? KaldiDataDir.read(source) : NemoManifest.read(source);
        if (u.isEmpty()) throw new IOException("data source " + source + " holds no utterances");
        return u;
    }

    static SpeechData load(Path source, Recognizer frontEnd, Tokenizer tokenizer, boolean keepAudio) throws IOException {
        Path base = Files.isDirectory(source) ? source : source.toAbsolutePath().getParent();
        return new SpeechData(list(source), base, frontEnd, tokenizer, keepAudio);
    }

    private static float[] read(Path file, Utterance u, int rate) throws IOException {
        float[] all = AudioFiles.read(file, rate).samples();
        if (!u.isSegment()) return all;
        int from = (int) Math.min(all.length, Math.round(u.startSeconds() * rate));
        int to = u.hasEnd() ? (int) Math.min(all.length, Math.round(u.endSeconds() * rate)) : all.length;
        return Arrays.copyOfRange(all, from, Math.max(from, to));
    }

    int size() {
        return utterances.size();
    }

    /** Frames of each utterance at speed 1. */
    int[] lengths() {
        int[] l = new int[features.size()];
        for (int i = 0; i < l.length; i++) l[i] = features.get(i).size(0);
        return l;
    }

    Tensor features(int i) {
        return features.get(i);
    }

    /** Features of utterance i at {@code factor} (cached). */
    Tensor features(int i, double factor) {
        if (factor == 1.0) return features.get(i);
        if (audio.isEmpty()) throw new IllegalStateException("speed perturbation needs the audio kept");
        long key = (long) i * 1000 + Math.round(factor * 100);
        return perturbed.computeIfAbsent(key, k -> {
            int rate = frontEnd.frontend().sampleRateHz();
            return frontEnd.features(new AudioData(SpeedPerturb.apply(audio.get(i), rate, factor), rate));
        });
    }

    int[] target(int i) {
        return targets[i];
    }

    /** Normalised transcript. */
    String text(int i) {
        return texts.get(i);
    }

    List<String> texts() {
        return texts;
    }

    Utterance utterance(int i) {
        return utterances.get(i);
    }

    /** Pads {@code (T_i, F)} matrices into a {@code (T_max, N, F)} batch; fills {@code lengths}. */
    static Tensor pad(List<Tensor> feats, int[] lengths) {
        int tMax = 0;
        for (int i = 0; i < feats.size(); i++) {
            lengths[i] = feats.get(i).size(0);
            tMax = Math.max(tMax, lengths[i]);
        }
        int n = feats.size();
        int f = feats.get(0).size(1);
        float[] out = new float[tMax * n * f];
        for (int b = 0; b < n; b++) {
            float[] src = feats.get(b).toArray();
            for (int t = 0; t < lengths[b]; t++) System.arraycopy(src, t * f, out, (t * n + b) * f, f);
        }
        return Tensor.of(out, tMax, n, f);
    }
}
