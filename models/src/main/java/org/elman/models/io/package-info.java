/**
 * Speech model files: {@link org.elman.models.io.ModelFiles} writes one safetensors file with the
 * weights and, in {@code __metadata__}, the architecture config, front-end settings, tokeniser and
 * decoding defaults, and rebuilds the exact recognizer from it.
 */
package org.elman.models.io;
