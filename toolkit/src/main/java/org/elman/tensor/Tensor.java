package org.elman.tensor;

import java.util.Arrays;
import java.util.Random;
import org.elman.autograd.Graph;
import org.elman.autograd.Node;
import org.elman.ops.Arith;
import org.elman.ops.Linalg;
import org.elman.ops.Reduce;
import org.elman.ops.Reshape;
import org.elman.ops.Unary;

/**
 * A float32 n-dimensional array with optional gradient tracking.
 *
 * <p>Storage is a {@code float[]} plus an offset; elements are row-major and contiguous, so a view
 * of a prefix range of the first dimension (a time slice of a time-major {@code (T, N, F)}
 * sequence) shares storage without a copy. Operations never modify their inputs; they return new
 * tensors and, when gradients are enabled and an input requires them, record a node for
 * {@link #backward()}. The raw storage ({@link #data()}, {@link #offset()}) is exposed for kernels
 * and optimisers that update parameters in place.
 */
public final class Tensor {
    private final float[] data;
    private final int offset;
    private final int[] shape;
    private final int numel;

    private boolean requiresGrad;
    private boolean retainGrad;
    private Tensor grad;
    private Node gradFn;

    private Tensor(float[] data, int offset, int[] shape) {
        this.numel = Shapes.numel(shape);
        if (offset < 0 || offset + numel > data.length) {
            throw new IllegalArgumentException("storage of " + data.length + " floats cannot hold shape "
                    + Shapes.str(shape) + " at offset " + offset);
        }
        this.data = data;
        this.offset = offset;
        this.shape = shape.clone();
    }

    // ---- creation ----

    /** Wraps an array without copying; its length must equal the shape's element count. */
    public static Tensor of(float[] data, int... shape) {
        if (data.length != Shapes.numel(shape)) {
            throw new IllegalArgumentException(data.length + " values do not fill shape " + Shapes.str(shape));
        }
        return new Tensor(data, 0, shape);
    }

    /** Wraps a region of an array without copying. */
    public static Tensor wrap(float[] data, int offset, int... shape) {
        return new Tensor(data, offset, shape);
    }

    /** A 1-d tensor holding a copy of the values. */
    public static Tensor vector(float... values) {
        return of(values.clone(), values.length);
    }

    /** A 2-d tensor holding a copy of the rows (all of equal length). */
    public static Tensor matrix(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] d = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, expected " + cols);
            System.arraycopy(rows[r], 0, d, r * cols, cols);
        }
        return of(d, rows.length, cols);
    }

    public static Tensor scalar(float v) {
        return of(new float[] {v});
    }

    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Shapes.numel(shape)], 0, shape);
    }

    public static Tensor full(float value, int... shape) {
        float[] d = new float[Shapes.numel(shape)];
        Arrays.fill(d, value);
        return new Tensor(d, 0, shape);
    }

    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    /** Standard normal samples. */
    public static Tensor randn(Random rng, int... shape) {
        float[] d = new float[Shapes.numel(shape)];
        for (int i = 0; i < d.length; i++) d[i] = (float) rng.nextGaussian();
        return new Tensor(d, 0, shape);
    }

    /** Uniform samples in {@code [lo, hi)}. */
    public static Tensor uniform(Random rng, float lo, float hi, int... shape) {
        float[] d = new float[Shapes.numel(shape)];
        for (int i = 0; i < d.length; i++) d[i] = lo + (hi - lo) * rng.nextFloat();
        return new Tensor(d, 0, shape);
    }

    /** {@code 0, 1, ..., n-1} as floats. */
    public static Tensor arange(int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) d[i] = i;
        return of(d, n);
    }

    /** A zero tensor with the same shape. */
    public static Tensor zerosLike(Tensor t) {
        return zeros(t.shape);
    }

    // ---- storage and shape ----

    /** The backing array; elements live at {@code [offset(), offset() + numel())}. */
    public float[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int dim() {
        return shape.length;
    }

    public int size(int axis) {
        return shape[Shapes.axis(axis, shape.length)];
    }

    public int numel() {
        return numel;
    }

    /** A copy of the elements in row-major order. */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + numel);
    }

    /** A deep copy that does not require gradients. */
    public Tensor copy() {
        return new Tensor(toArray(), 0, shape);
    }

    public float get(int... index) {
        return data[flatIndex(index)];
    }

    /** Writes one element in place (not tracked by autograd). */
    public void set(float value, int... index) {
        data[flatIndex(index)] = value;
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (numel != 1) throw new IllegalStateException("item() needs one element, shape is " + Shapes.str(shape));
        return data[offset];
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index of rank " + index.length + " for shape " + Shapes.str(shape));
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of shape " + Shapes.str(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return offset + flat;
    }

    /**
     * A view of rows {@code [start, start + length)} of the first dimension, sharing storage.
     * Not tracked by autograd: use {@link Reshape#narrow} inside differentiable code.
     */
    public Tensor rows(int start, int length) {
        if (shape.length == 0 || start < 0 || length < 0 || start + length > shape[0]) {
            throw new IndexOutOfBoundsException("rows [" + start + ", " + (start + length) + ") of shape " + Shapes.str(shape));
        }
        int[] s = shape.clone();
        s[0] = length;
        return new Tensor(data, offset + start * Shapes.prod(shape, 1, shape.length), s);
    }

    /** Same storage, new shape; untracked (use {@link #reshape} in differentiable code). */
    public Tensor view(int... newShape) {
        return new Tensor(data, offset, Shapes.infer(numel, newShape));
    }

    // ---- autograd ----

    /** Marks a leaf tensor as a parameter whose gradient accumulates in {@link #grad()}. */
    public Tensor requiresGrad(boolean flag) {
        if (gradFn != null && !flag) throw new IllegalStateException("cannot clear requiresGrad of a non-leaf tensor; use detach()");
        this.requiresGrad = flag;
        return this;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Keep the gradient of this non-leaf tensor after backward (leaves always keep theirs). */
    public Tensor retainGrad() {
        this.retainGrad = true;
        return this;
    }

    public boolean retainsGrad() {
        return retainGrad || gradFn == null;
    }

    public Tensor grad() {
        return grad;
    }

    /** Replaces the stored gradient (used by the engine and by clipping). */
    public void setGrad(Tensor g) {
        if (g != null) Shapes.require("gradient", g.shape, shape);
        this.grad = g;
    }

    public void zeroGrad() {
        grad = null;
    }

    public Node gradFn() {
        return gradFn;
    }

    /** Called by {@link Graph} when this tensor becomes an output of a recorded node. */
    public void attach(Node node) {
        this.gradFn = node;
        this.requiresGrad = true;
    }

    public boolean isLeaf() {
        return gradFn == null;
    }

    /** Same storage, cut from the graph. */
    public Tensor detach() {
        return new Tensor(data, offset, shape);
    }

    /** Back-propagates from this scalar with seed gradient 1. */
    public void backward() {
        if (numel != 1) throw new IllegalStateException("backward() without a seed needs a scalar, shape is " + Shapes.str(shape));
        Graph.backward(this, Tensor.ones(shape));
    }

    /** Back-propagates with an explicit seed gradient of this tensor's shape. */
    public void backward(Tensor seed) {
        Graph.backward(this, seed);
    }

    // ---- convenience forms of the common differentiable ops ----

    public Tensor add(Tensor o) { return Arith.add(this, o); }
    public Tensor sub(Tensor o) { return Arith.sub(this, o); }
    public Tensor mul(Tensor o) { return Arith.mul(this, o); }
    public Tensor div(Tensor o) { return Arith.div(this, o); }
    public Tensor add(float c) { return Arith.addScalar(this, c); }
    public Tensor mul(float c) { return Arith.mulScalar(this, c); }
    public Tensor neg() { return Arith.mulScalar(this, -1f); }
    public Tensor matmul(Tensor o) { return Linalg.matmul(this, o); }
    public Tensor tanh() { return Unary.tanh(this); }
    public Tensor sigmoid() { return Unary.sigmoid(this); }
    public Tensor relu() { return Unary.relu(this); }
    public Tensor exp() { return Unary.exp(this); }
    public Tensor log() { return Unary.log(this); }
    public Tensor sum() { return Reduce.sum(this); }
    public Tensor mean() { return Reduce.mean(this); }
    public Tensor sum(int axis, boolean keepDim) { return Reduce.sum(this, axis, keepDim); }
    public Tensor reshape(int... newShape) { return Reshape.reshape(this, newShape); }
    public Tensor transpose(int a, int b) { return Reshape.transpose(this, a, b); }
    public Tensor permute(int... order) { return Reshape.permute(this, order); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shapes.str(shape));
        if (gradFn != null) sb.append(" grad_fn=").append(gradFn.name());
        else if (requiresGrad) sb.append(" requires_grad");
        sb.append(' ');
        int shown = Math.min(numel, 8);
        sb.append('[');
        for (int i = 0; i < shown; i++) sb.append(i > 0 ? ", " : "").append(data[offset + i]);
        if (shown < numel) sb.append(", ...");
        return sb.append(']').toString();
    }
}
