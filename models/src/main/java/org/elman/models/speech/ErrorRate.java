package org.elman.models.speech;

import java.util.List;

/**
 * Word and character error rates: Levenshtein distance (substitutions, insertions, deletions all
 * cost 1) summed over utterances, divided by the total reference length. Words are split on
 * whitespace.
 */
public final class ErrorRate {
    private ErrorRate() {
    }

    /** Word error rate of hypotheses against references (same order and count). */
    public static double wer(List<String> references, List<String> hypotheses) {
        return rate(references, hypotheses, true);
    }

    /** Character error rate (spaces count as characters). */
    public static double cer(List<String> references, List<String> hypotheses) {
        return rate(references, hypotheses, false);
    }

    private static double rate(List<String> refs, List<String> hyps, boolean words) {
        if (refs.size() != hyps.size()) throw new IllegalArgumentException(refs.size() + " references but " + hyps.size() + " hypotheses");
        long errors = 0;
        long total = 0;
        for (int i = 0; i < refs.size(); i++) {
            String[] r = split(refs.get(i), words);
            String[] h = split(hyps.get(i), words);
            errors += distance(r, h);
            total += r.length;
        }
        if (total == 0) throw new IllegalArgumentException("references are empty");
        return (double) errors / total;
    }

    private static String[] split(String s, boolean words) {
        String t = s.trim();
        if (t.isEmpty()) return new String[0];
        return words ? t.split("\\s+") : t.split("");
    }

    /** Edit distance between two token sequences. */
    public static int distance(String[] a, String[] b) {
        int[] prev = new int[b.length + 1];
        int[] cur = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) prev[j] = j;
        for (int i = 1; i <= a.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length; j++) {
                int sub = prev[j - 1] + (a[i - 1].equals(b[j - 1]) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length];
    }
}
