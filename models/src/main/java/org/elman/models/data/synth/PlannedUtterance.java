package org.elman.models.data.synth;

/**
 * One utterance to synthesise.
 *
 * @param id               utterance id: {@code <speaker>-<split>-<nnnnnn>}, so ids sort by speaker
 * @param split            the set it belongs to
 * @param voice            the speaker
 * @param speedWpm         espeak or FreeTTS speed in words per minute (0 for other engines)
 * @param pitch            espeak pitch 0-99, FreeTTS pitch in Hz (0 for other engines)
 * @param sentence         what is said
 * @param estimatedSeconds the planner's duration estimate (the real one is measured)
 */
public record PlannedUtterance(String id, Split split, Voice voice, int speedWpm, int pitch, Sentence sentence,
                               double estimatedSeconds) {
}
