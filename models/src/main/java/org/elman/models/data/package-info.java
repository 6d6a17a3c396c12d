/**
 * Speech corpora as lists of {@link org.elman.models.data.Utterance}s: readers for Kaldi data
 * directories ({@link org.elman.models.data.KaldiDataDir}, which also writes them), NeMo JSON-lines
 * manifests ({@link org.elman.models.data.NemoManifest}, read and write) and the LibriSpeech folder
 * layout ({@link org.elman.models.data.LibriSpeechReader}). Bad input raises
 * {@link org.elman.models.data.DataFormatException} naming the file and line.
 *
 * <p>Subpackages: {@code token} (CTC tokenisers and the English text normalisation) and
 * {@code synth} (the synthetic English corpus recipe, {@code recipes/synth-en}).
 */
package org.elman.models.data;
