package org.elman.nn.loss;

/** How per-element losses combine into the returned tensor. */
public enum Reduction {
    /** One loss per element (position), same leading shape as the input. */
    NONE,
    /** The sum, a scalar. */
    SUM,
    /** The (weighted) mean, a scalar. */
    MEAN
}
