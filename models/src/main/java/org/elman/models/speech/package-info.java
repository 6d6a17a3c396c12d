/**
 * CTC speech models on the toolkit's layers, and the pieces around them.
 *
 * <ul>
 *   <li>{@link org.elman.models.speech.AcousticModel}: features {@code (T, N, F)} with lengths to
 *   log-probabilities {@code (T', N, V)} (V with the blank, id 0) with output lengths, the
 *   subsampling, a chunked streaming API whose output equals the offline output, and a
 *   string-to-string config that rebuilds the model.
 *   <li>{@link org.elman.models.speech.TdnnModel}: spliced time-delay layers with subsampling,
 *   edge padding once at the input, streaming.
 *   <li>{@link org.elman.models.speech.BiLstmCtcModel}: Deep Speech 2 style frame stacking or
 *   conv2d front end, (bi)LSTM stack, optional look-ahead convolution; the unidirectional
 *   stacking variant streams.
 *   <li>{@link org.elman.models.seq2seq.Seq2SeqCtcModel} (package {@code seq2seq}): hybrid
 *   CTC/attention, also an {@code AcousticModel} through its CTC branch.
 *   <li>{@link org.elman.models.speech.Recognizer}: audio to features to model to greedy, beam or
 *    word-list-limited beam decoding to text, {@link org.elman.models.speech.StreamingRecognizer} the
 *   same chunk by chunk for streaming models; {@link org.elman.models.speech.CtcTrainer}: the CTC
 *   training step. (Error rates: {@code org.elman.ctc.score.ErrorRate}.)
 * </ul>
 * Model files: {@link org.elman.models.io.ModelFiles}.
 */
package org.elman.models.speech;
