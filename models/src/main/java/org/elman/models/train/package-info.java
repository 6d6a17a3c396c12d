/**
 * The speech training pipeline: {@link org.elman.models.train.TrainCommand#run} reads a YAML
 * recipe ({@link org.elman.models.train.TrainConfig}) and runs a {@link
 * org.elman.models.train.Trainer} (length-bucketed batches, augmentation, CTC or hybrid
 * CTC/attention loss, schedules, dev WER/CER, best-model keeping, early stopping, atomic
 * checkpoints with exact resume, CSV log and PNG plots). Recipes: {@code recipes/synth-en/conf}.
 */
package org.elman.models.train;
