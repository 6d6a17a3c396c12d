package org.elman.models.data.token;

import java.util.Map;

/**
 * Maps transcripts to token ids and back for CTC models. Id {@value #BLANK} is always the CTC
 * blank; it never comes out of {@link #encode} and {@link #decode} skips it. Encoding applies
 * {@link TextNormalizer} first, so {@code decode(encode(s))} equals the normalised {@code s} up to
 * what the tokeniser documents about unknown symbols.
 *
 * <pre>{@code
 * Tokenizer tok = CharTokenizer.english();
 * int[] ids = tok.encode("Hello, World!");          // h e l l o | w o r l d
 * Map<String, String> meta = tok.metadata();         // store in the model file
 * Tokenizer same = Tokenizers.fromMetadata(meta);
 * }</pre>
 */
public interface Tokenizer {
    /** The CTC blank id. */
    int BLANK = 0;

    /** Normalises and encodes a transcript; never returns {@link #BLANK}. */
    int[] encode(String text);

    /** Decodes ids to text, skipping blanks; an id outside {@code [0, size())} throws. */
    String decode(int[] ids);

    /** Number of ids including the blank (the V of the model's output). */
    int size();

    /** The printable token for an id ({@code "<blank>"} for 0). */
    String token(int id);

    /** Everything needed to rebuild this tokeniser with {@link Tokenizers#fromMetadata}. */
    Map<String, String> metadata();
}
