package org.elman.backend;

/**
 * The small set of primitives every op is composed of. Arrays are addressed as (array, offset)
 * pairs over row-major storage. The CPU backend is the definition; other backends are checked
 * against it op by op.
 */
public interface Backend {
    /** A short name for logs, e.g. "cpu/openblas". */
    String name();

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C}, row-major; {@code op(A)} is m x k, {@code op(B)}
     * is k x n, {@code lda/ldb/ldc} are the row strides of the stored matrices.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc);

    /** {@code y[i] = op(x[i])} for {@code n} elements. */
    void unary(UnaryOp op, float[] x, int xOff, float[] y, int yOff, int n);

    /** {@code y[i] = op(a[i], b[i])} for {@code n} elements. */
    void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] y, int yOff, int n);

    /**
     * Broadcasting form: {@code y} is contiguous with {@code shape}; {@code aStrides/bStrides} give
     * each operand's stride per output axis (0 where it is broadcast).
     */
    void binaryStrided(BinaryOp op, int[] shape, float[] a, int aOff, int[] aStrides,
                       float[] b, int bOff, int[] bStrides, float[] y);

    /** {@code y[i] = a * x[i] + y[i]}. */
    void axpy(int n, float a, float[] x, int xOff, float[] y, int yOff);

    /** Sum of {@code n} elements, accumulated in double. */
    double sum(float[] x, int off, int n);

    /**
     * Reduces the middle axis of an {@code (outer, len, inner)} view: {@code y[o, i] = op over j of
     * x[o, j, i]}.
     */
    void reduceAxis(ReduceOp op, float[] x, int xOff, int outer, int len, int inner, float[] y, int yOff);

    /** {@code dst[r, :] = src[idx[r], :]} for rows of length {@code rowLen}. */
    void gatherRows(float[] src, int srcOff, int rowLen, int[] idx, float[] dst, int dstOff);

    /** {@code dst[idx[r], :] += src[r, :]}. */
    void scatterAddRows(float[] src, int srcOff, int rowLen, int[] idx, float[] dst, int dstOff);

    /** Reductions over an axis. */
    enum ReduceOp { SUM, MAX, MIN }
}
