package org.elman.backend;

/** Elementwise functions of one operand; {@link #apply} is the reference definition. */
public enum UnaryOp {
    NEG, EXP, LOG, TANH, SIGMOID, RELU, SQRT, ABS, SQUARE, RECIPROCAL;

    public float apply(float x) {
        switch (this) {
            case NEG: return -x;
            case EXP: return (float) Math.exp(x);
            case LOG: return (float) Math.log(x);
            case TANH: return (float) Math.tanh(x);
            case SIGMOID: return sigmoid(x);
            case RELU: return x > 0 ? x : 0f;
            case SQRT: return (float) Math.sqrt(x);
            case ABS: return Math.abs(x);
            case SQUARE: return x * x;
            case RECIPROCAL: return 1f / x;
            default: throw new AssertionError(this);
        }
    }

    /** Numerically stable logistic function. */
    public static float sigmoid(float x) {
        if (x >= 0) return (float) (1.0 / (1.0 + Math.exp(-x)));
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }
}
