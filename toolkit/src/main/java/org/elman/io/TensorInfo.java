package org.elman.io;

/**
 * One tensor entry of a safetensors header. {@code begin} and {@code end} are byte offsets into
 * the data section, which starts right after the header.
 */
public record TensorInfo(String name, DType dtype, int[] shape, long begin, long end) {
    /** Number of elements (1 for a scalar of shape {@code []}). */
    public long numel() {
        long n = 1;
        for (int s : shape) n *= s;
        return n;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }
}
