package org.elman.ctc.decode;

/**
 * The word-LM search settings the command line and the server's entry point use unless told
 * otherwise, tuned on the synth-en dev set with the bundled model (see models/default/README.md).
 */
public final class WordLmDefaults {
    /** LM weight. */
    public static final double ALPHA = 0.8;
    /** Word insertion bonus. */
    public static final double BETA = 0.25;
    /** Log-probability added for a word outside the LM vocabulary. */
    public static final int UNKNOWN_WORD_PENALTY = -30;
    /** Word-LM look-ahead ({@link BeamSearchConfig.Builder#optLmLookahead}). */
    public static final boolean LOOKAHEAD = true;
    /** Extend a prefix only by tokens at most this many nats below the frame's best. */
    public static final int TOKEN_THRESHOLD = 10;
    /** Beam width with an LM for offline decoding. */
    public static final int OFFLINE_BEAM = 64;
    /** Beam width with an LM for streaming servers (reply latency). */
    public static final int SERVER_BEAM = 32;

    private WordLmDefaults() {}
}
