package org.elman.ctc.score;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A minimum edit-distance alignment (Levenshtein, unit costs) of reference and hypothesis units
 * (words or characters), with its counts and aligned pairs. Among equal-cost alignments the
 * backtrace prefers match/substitution, then deletion, then insertion.
 *
 * @param substitutions substituted reference units
 * @param deletions     reference units missing from the hypothesis
 * @param insertions    hypothesis units not in the reference
 * @param hits          matched units
 * @param pairs         the alignment in order
 */
public record EditAlignment(int substitutions, int deletions, int insertions, int hits, List<Pair> pairs) {
    public enum Op { MATCH, SUBSTITUTION, DELETION, INSERTION }

    /** One aligned position; {@code ref} is null for an insertion, {@code hyp} null for a deletion. */
    public record Pair(Op op, String ref, String hyp) {}

    /** Number of reference units. */
    public int referenceLength() {
        return substitutions + deletions + hits;
    }

    /** (S + D + I) / N; 0 for an empty reference with an empty hypothesis, infinity with a non-empty one. */
    public double errorRate() {
        int errors = substitutions + deletions + insertions;
        int n = referenceLength();
        if (n == 0) return errors == 0 ? 0.0 : Double.POSITIVE_INFINITY;
        return errors / (double) n;
    }

    /** Aligns two unit sequences. */
    public static EditAlignment of(List<String> ref, List<String> hyp) {
        int r = ref.size();
        int h = hyp.size();
        int[][] cost = new int[r + 1][h + 1];
        for (int i = 0; i <= r; i++) cost[i][0] = i;
        for (int j = 0; j <= h; j++) cost[0][j] = j;
        for (int i = 1; i <= r; i++) {
            for (int j = 1; j <= h; j++) {
                int diag = cost[i - 1][j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                cost[i][j] = Math.min(diag, Math.min(cost[i - 1][j] + 1, cost[i][j - 1] + 1));
            }
        }
        return backtrace(ref, hyp, cost);
    }

    private static EditAlignment backtrace(List<String> ref, List<String> hyp, int[][] cost) {
        List<Pair> pairs = new ArrayList<>();
        int[] counts = new int[4];
        int i = ref.size();
        int j = hyp.size();
        while (i > 0 || j > 0) {
            Op op;
            if (i > 0 && j > 0 && cost[i][j] == cost[i - 1][j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1)) {
                op = ref.get(i - 1).equals(hyp.get(j - 1)) ? Op.MATCH : Op.SUBSTITUTION;
                pairs.add(new Pair(op, ref.get(--i), hyp.get(--j)));
            } else if (i > 0 && cost[i][j] == cost[i - 1][j] + 1) {
                op = Op.DELETION;
                pairs.add(new Pair(op, ref.get(--i), null));
            } else {
                op = Op.INSERTION;
                pairs.add(new Pair(op, null, hyp.get(--j)));
            }
            counts[op.ordinal()]++;
        }
        Collections.reverse(pairs);
        return new EditAlignment(counts[1], counts[2], counts[3], counts[0], List.copyOf(pairs));
    }
}
