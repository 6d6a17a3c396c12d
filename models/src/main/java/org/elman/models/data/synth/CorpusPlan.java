package org.elman.models.data.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Chooses, deterministically from a seed, which sentence each voice says with which settings.
 *
 * <p>Each split is planned with its own random stream (seeded from the seed and the split), so
 * a larger {@code hours} extends a smaller plan rather than reshuffling it. For each utterance:
 * a source is drawn by {@link #SOURCE_WEIGHTS} (among sources with sentences left; sentences are
 * drawn without replacement from a seeded shuffle), an engine family by the catalogue's weights,
 * then a voice of that family: train uses training voices only; dev and test use a held-out voice
 * with probability 1/2 when the family has one, else a training voice. espeak voices get a speed
 * uniform in {@code [130, 210]} wpm and a pitch uniform in {@code [25, 75]}; FreeTTS a speed in
 * {@code [130, 190]} wpm and a pitch in {@code [75, 135]} Hz (its default: 150 wpm, 100 Hz). Planning stops when the
 * estimated duration reaches the split's target: {@code hours} times 0.92 / 0.04 / 0.04 for
 * train / dev / test, or when the split's sentences run out.
 */
public final class CorpusPlan {
    /** Default weights of the text sources, so that the Bible does not dominate. */
    public static final Map<String, Double> SOURCE_WEIGHTS = sourceWeights();
    static final double DEV_FRACTION = 0.04;
    static final double TEST_FRACTION = 0.04;

    private CorpusPlan() {
    }

    private static Map<String, Double> sourceWeights() {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("fortunes", 0.25);
        w.put("wordnet", 0.20);
        w.put("gcide", 0.20);
        w.put("bible-kjv", 0.20);
        w.put("jargon", 0.10);
        w.put("devil", 0.05);
        return Collections.unmodifiableMap(w);
    }

    /** Plans all three splits for {@code hours} of estimated audio in total. */
    public static List<PlannedUtterance> plan(SentencePool pool, VoiceCatalog voices, Map<String, Double> sourceWeights,
                                              long seed, double hours) {
        if (!(hours > 0)) throw new IllegalArgumentException("hours must be > 0, got " + hours);
        List<PlannedUtterance> out = new ArrayList<>();
        double[] fractions = {1 - DEV_FRACTION - TEST_FRACTION, DEV_FRACTION, TEST_FRACTION};
        for (Split split : Split.values()) {
            out.addAll(planSplit(pool, voices, sourceWeights, seed, split, hours * 3600 * fractions[split.ordinal()]));
        }
        return out;
    }

    static List<PlannedUtterance> planSplit(SentencePool pool, VoiceCatalog voices, Map<String, Double> sourceWeights,
                                            long seed, Split split, double targetSeconds) {
        Random rng = new Random(seed * 1_000_003L + split.ordinal() * 7919L + 17);
        Map<String, List<Sentence>> remaining = new LinkedHashMap<>();
        for (String src : sourceWeights.keySet()) {
            List<Sentence> s = new ArrayList<>(pool.sentences(split, src));
            Collections.shuffle(s, new Random(rng.nextLong()));
            if (!s.isEmpty()) remaining.put(src, s);
        }
        List<PlannedUtterance> out = new ArrayList<>();
        double total = 0;
        while (total < targetSeconds && !remaining.isEmpty()) {
            String src = draw(rng, filter(sourceWeights, remaining));
            List<Sentence> list = remaining.get(src);
            Sentence sentence = list.remove(list.size() - 1);
            if (list.isEmpty()) remaining.remove(src);
            PlannedUtterance u = utterance(rng, voices, split, out.size(), sentence);
            out.add(u);
            total += u.estimatedSeconds();
        }
        return out;
    }

    private static PlannedUtterance utterance(Random rng, VoiceCatalog voices, Split split, int index, Sentence sentence) {
        String family = draw(rng, voices.weights());
        List<Voice> held = voices.voices(family, true);
        boolean useHeld = split != Split.TRAIN && !held.isEmpty() && rng.nextBoolean();
        List<Voice> pool = useHeld ? held : voices.voices(family, false);
        Voice voice = pool.get(rng.nextInt(pool.size()));
        int speed = 0;
        int pitch = 0;
        if (voice.isEspeak()) {
            speed = 130 + rng.nextInt(81);
            pitch = 25 + rng.nextInt(51);
        } else if (voice.isFreeTts()) {
            speed = 130 + rng.nextInt(61);
            pitch = 75 + rng.nextInt(61);
        }
        double seconds = sentence.words() / wordsPerSecond(voice, speed);
        String id = String.format("%s-%s-%06d", voice.id(), split.dirName(), index);
        return new PlannedUtterance(id, split, voice, speed, pitch, sentence, seconds);
    }

    /**
     * Speaking rate used for the duration estimate, measured on a 0.43 h run (silences included):
     * espeak voices about their wpm setting / 60, flite 2.85, festival 2.55 words per second;
     * FreeTTS its rate setting / 52 (measured at 150 and 190 wpm).
     */
    static double wordsPerSecond(Voice voice, int speedWpm) {
        if (voice.isEspeak()) return speedWpm / 60.0;
        if (voice.isFreeTts()) return speedWpm / 52.0;
        return voice.family().equals(VoiceCatalog.FLITE) ? 2.85 : 2.55;
    }

    private static Map<String, Double> filter(Map<String, Double> weights, Map<String, ?> keep) {
        Map<String, Double> out = new LinkedHashMap<>();
        weights.forEach((k, w) -> {
            if (keep.containsKey(k)) out.put(k, w);
        });
        return out;
    }

    /** Draws a key with probability proportional to its weight (iteration order fixed by the map). */
    static String draw(Random rng, Map<String, Double> weights) {
        double sum = 0;
        for (double w : weights.values()) sum += w;
        double r = rng.nextDouble() * sum;
        String last = null;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            last = e.getKey();
            r -= e.getValue();
            if (r < 0) return last;
        }
        return last;
    }
}
