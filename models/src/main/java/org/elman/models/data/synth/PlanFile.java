package org.elman.models.data.synth;

import java.util.List;
import java.util.Locale;

/** The plan as a TSV table (one utterance per line), written next to the corpus for inspection. */
final class PlanFile {
    private PlanFile() {
    }

    static String format(List<PlannedUtterance> plan) {
        StringBuilder sb = new StringBuilder("id\tsplit\tfamily\tvoice\tspeed\tpitch\tsource\test_seconds\tspeakable\n");
        for (PlannedUtterance u : plan) {
            sb.append(u.id()).append('\t').append(u.split().dirName()).append('\t').append(u.voice().family())
                    .append('\t').append(u.voice().name()).append('\t').append(u.speedWpm()).append('\t')
                    .append(u.pitch()).append('\t').append(u.sentence().source()).append('\t')
                    .append(String.format(Locale.ROOT, "%.2f", u.estimatedSeconds())).append('\t')
                    .append(u.sentence().speakable()).append('\n');
        }
        return sb.toString();
    }
}
