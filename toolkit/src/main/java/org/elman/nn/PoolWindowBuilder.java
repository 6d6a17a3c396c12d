package org.elman.nn;

import org.elman.ops.Conv.Window2d;

/**
 * The window settings shared by the pooling layers' builders: kernel size (required), stride
 * (default: the kernel size) and padding (default 0, at most half the kernel).
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
abstract class PoolWindowBuilder<B extends PoolWindowBuilder<B>> {
    private int kh = -1;
    private int kw = -1;
    private int sh = -1;
    private int sw = -1;
    private int ph;
    private int pw;

    abstract B self();

    public B setKernelSize(int k) {
        return setKernelSize(k, k);
    }

    public B setKernelSize(int kh, int kw) {
        this.kh = kh;
        this.kw = kw;
        return self();
    }

    /** Step between windows (default: the kernel size). */
    public B optStride(int s) {
        return optStride(s, s);
    }

    public B optStride(int sh, int sw) {
        this.sh = sh;
        this.sw = sw;
        return self();
    }

    public B optPadding(int p) {
        return optPadding(p, p);
    }

    public B optPadding(int ph, int pw) {
        this.ph = ph;
        this.pw = pw;
        return self();
    }

    /** The validated window; {@code layer} names the layer in error messages. */
    Window2d window(String layer) {
        if (kh == -1) throw new IllegalStateException(layer + " kernel size (setKernelSize) is required but was not set");
        Window2d w = new Window2d(kh, kw, sh == -1 ? kh : sh, sw == -1 ? kw : sw, ph, pw, 1, 1);
        if (2 * ph > kh || 2 * pw > kw) {
            throw new IllegalArgumentException(layer + " padding (" + ph + ", " + pw + ") must be at most half the kernel (" + kh + ", " + kw + ")");
        }
        return w;
    }
}
