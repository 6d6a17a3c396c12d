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
import org.elman.audio.augment.Narrowband;
import org.elman.audio.augment.SpeedPerturb;
import org.elman.audio.augment.VolumePerturb;
import org.elman.audio.io.AudioFiles;
import org.elman.models.data.KaldiDataDir;
import org.elman.models.data.NemoManifest;
import org.elman.models.data.Utterance;
import org.elman.models.data.token.TextNormalizer;
import org.elman.models.data.token.Tokenizer;
import org.elman.models.speech.Recognizer;
import org.elman.tensor.Sequences;
import org.elman.tensor.Tensor;

/**
 * A training or dev set in memory: the utterances of a Kaldi data directory (a folder) or a NeMo
 * manifest (a file), their token targets and their features {@code (T, F)} (front end and
 * per-utterance CMVN of a {@link Recognizer}), computed once and cached (or, without the cache,
 * recomputed from the audio at each use). With speed perturbation and the cache the audio is kept
 * too and the features of each speed factor are cached on first use. Telephone-band copies
 * ({@link Narrowband}) and gain changes are computed at each use, never cached: the round trip
 * and the front end run at over 1000x real time, cheaper than holding more sets of features.
 * Relative
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
    private final boolean cache;
    private final int[] lengths;

    private SpeechData(List<Utterance> utterances, Recognizer frontEnd, Tokenizer tokenizer, boolean cache,
                       boolean keepAudio) throws IOException {
        this.utterances = utterances;
        this.frontEnd = frontEnd;
        this.cache = cache;
        this.targets = new int[utterances.size()][];
        this.lengths = new int[utterances.size()];
        int rate = frontEnd.frontend().sampleRateHz();
        for (int i = 0; i < utterances.size(); i++) {
            Utterance u = utterances.get(i);
            float[] samples = read(u.audio(), u, rate);
            if (keepAudio && cache) audio.add(samples);
            Tensor x = compute(u, samples);
            lengths[i] = x.size(0);
            if (cache) features.add(x);
            texts.add(TextNormalizer.normalize(u.text()));
            targets[i] = tokenizer.encode(u.text());
            if (targets[i].length == 0) throw new IllegalArgumentException("utterance " + u.id() + " has no tokens in its transcript");
        }
    }

    /**
     * Reads the utterance lists of Kaldi dirs or manifests (no audio), in order, with relative audio
     * paths resolved against their own source's folder (the Kaldi directory, or the manifest's).
     *
     * @throws IOException when a source is missing or empty, or two sources share an utterance id
     */
    static List<Utterance> list(List<Path> sources) throws IOException {
        List<Utterance> out = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path source : sources) {
            for (Utterance u : list(source)) {
                Path first = seen.putIfAbsent(u.id(), source);
                if (first != null) throw new IOException("utterance id " + u.id() + " is in both " + first + " and " + source);
                out.add(u);
            }
        }
        return out;
    }

    private static List<Utterance> list(Path source) throws IOException {
        if (!Files.exists(source)) throw new IOException("data source " + source + " does not exist");
        List<Utterance> u = Files.isDirectory(source) ? KaldiDataDir.read(source) : NemoManifest.read(source);
        if (u.isEmpty()) throw new IOException("data source " + source + " holds no utterances");
        Path base = Files.isDirectory(source) ? source : source.toAbsolutePath().getParent();
        return u.stream().map(x -> new Utterance(x.id(), x.speaker(), base.resolve(x.audio()), x.startSeconds(),
                x.endSeconds(), x.text())).toList();
    }

    /**
     * @param cache     keep the features (and with {@code keepAudio} the samples) in memory;
     *                  otherwise each use reads the audio and computes them again
     * @param keepAudio the training set with speed perturbation
     */
    static SpeechData load(List<Utterance> utterances, Recognizer frontEnd, Tokenizer tokenizer, boolean cache,
                           boolean keepAudio) throws IOException {
        return new SpeechData(utterances, frontEnd, tokenizer, cache, keepAudio);
    }

    private Tensor compute(Utterance u, float[] samples) {
        try {
            return frontEnd.features(new AudioData(samples, frontEnd.frontend().sampleRateHz()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("utterance " + u.id() + ": " + e.getMessage(), e);
        }
    }

    private float[] samples(int i) {
        if (cache && !audio.isEmpty()) return audio.get(i);
        Utterance u = utterances.get(i);
        try {
            return read(u.audio(), u, frontEnd.frontend().sampleRateHz());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("utterance " + u.id() + ": " + e.getMessage(), e);
        }
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
        return lengths.clone();
    }

    int length(int i) {
        return lengths[i];
    }

    Tensor features(int i) {
        return cache ? features.get(i) : compute(utterances.get(i), samples(i));
    }

    /** Features of utterance i at {@code factor} (cached). */
    Tensor features(int i, double factor) {
        if (factor == 1.0) return features(i);
        int rate = frontEnd.frontend().sampleRateHz();
        if (!cache) return compute(utterances.get(i), SpeedPerturb.apply(samples(i), rate, factor));
        long key = (long) i * 1000 + Math.round(factor * 100);
        return perturbed.computeIfAbsent(key, k -> compute(utterances.get(i), SpeedPerturb.apply(samples(i), rate, factor)));
    }

    /**
     * As {@link #features(int, double)}, limited to the telephone band when {@code narrowband} and
     * then scaled by {@code gain} (clipped to [-1, 1]); computed, not cached, unless neither applies.
     */
    Tensor features(int i, double factor, boolean narrowband, double gain) {
        if (!narrowband && gain == 1.0) return features(i, factor);
        int rate = frontEnd.frontend().sampleRateHz();
        float[] x = factor == 1.0 ? samples(i) : SpeedPerturb.apply(samples(i), rate, factor);
        if (narrowband) x = Narrowband.apply(x, rate, Narrowband.TELEPHONE_RATE_HZ);
        if (gain != 1.0) x = VolumePerturb.apply(x, gain);
        return compute(utterances.get(i), x);
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

}
