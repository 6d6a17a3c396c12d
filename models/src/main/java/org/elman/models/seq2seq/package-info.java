/**
 * Encoder-decoder speech recognition with attention: {@link org.elman.models.seq2seq.Seq2SeqCtcModel}
 * (shared BiLSTM encoder, CTC head, LSTM decoder with
 * {@link org.elman.models.seq2seq.AdditiveAttention}), trained on
 * {@code w CTC + (1 - w) cross-entropy}, and decoded by
 * {@link org.elman.models.seq2seq.JointBeamSearch}, which adds CTC prefix scores
 * ({@link org.elman.models.seq2seq.CtcPrefixScorer}) to the attention scores and returns the
 * attention weights of the best hypothesis.
 */
package org.elman.models.seq2seq;
