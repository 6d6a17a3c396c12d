package org.elman.models.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Length bucketing: utterances sorted by length (ties by index) and cut into consecutive batches
 * of similar length, so padding stays small. A batch holds at most {@code maxUtterances}
 * utterances, and when {@code maxFrames > 0} at most {@code maxFrames} padded frames (count times
 * its longest length); an utterance longer than {@code maxFrames} gets a batch of its own. The
 * batch order of each epoch is a shuffle seeded by {@code (seed, epoch)} alone, so a resumed run
 * sees the same order without saved state.
 */
public final class LengthBuckets {
    private LengthBuckets() {
    }

    /** Batches of utterance indices, shortest first. */
    public static List<int[]> make(int[] lengths, int maxUtterances, long maxFrames) {
        if (maxUtterances < 1) throw new IllegalArgumentException("batch needs at least 1 utterance, got " + maxUtterances);
        if (maxFrames < 0) throw new IllegalArgumentException("maxFrames must be >= 0, got " + maxFrames);
        Integer[] order = new Integer[lengths.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> lengths[i]).thenComparingInt(i -> i));
        List<int[]> batches = new ArrayList<>();
        List<Integer> cur = new ArrayList<>();
        for (int idx : order) {
            boolean full = cur.size() >= maxUtterances
                    || (maxFrames > 0 && !cur.isEmpty() && (long) (cur.size() + 1) * lengths[idx] > maxFrames);
            if (full) {
                batches.add(cur.stream().mapToInt(Integer::intValue).toArray());
                cur.clear();
            }
            cur.add(idx);
        }
        if (!cur.isEmpty()) batches.add(cur.stream().mapToInt(Integer::intValue).toArray());
        return batches;
    }

    /** The batch order for one epoch: a permutation of {@code 0..count-1} fixed by seed and epoch. */
    public static int[] epochOrder(int count, long seed, int epoch) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i++) order.add(i);
        Collections.shuffle(order, new Random(seed * 1_000_003L + epoch));
        return order.stream().mapToInt(Integer::intValue).toArray();
    }
}
