package org.elman.backend;

/**
 * Elementwise functions of two operands; {@link #apply} is the reference definition. The
 * {@code *_BACKWARD} ops take (gradient of output, output) and give the gradient of the input.
 */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, MAX, MIN, POW,
    TANH_BACKWARD, SIGMOID_BACKWARD, RELU_BACKWARD;

    public float apply(float a, float b) {
        switch (this) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            case DIV: return a / b;
            case MAX: return Math.max(a, b);
            case MIN: return Math.min(a, b);
            case POW: return (float) Math.pow(a, b);
            case TANH_BACKWARD: return a * (1f - b * b);
            case SIGMOID_BACKWARD: return a * b * (1f - b);
            case RELU_BACKWARD: return b > 0 ? a : 0f;
            default: throw new AssertionError(this);
        }
    }
}
