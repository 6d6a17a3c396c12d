package org.elman.optim;

/**
 * Adam with L2 weight decay added to the gradient ("coupled"), as PyTorch's {@code
 * torch.optim.Adam}; see {@link AbstractAdam} for the equations.
 *
 * <pre>{@code
 * Adam opt = Adam.builder().setParams(model.parameters()).setLr(1e-3).build();
 * }</pre>
 */
public final class Adam extends AbstractAdam {
    private Adam(Builder<Adam> b) {
        super(b, false);
    }

    public static Builder<Adam> builder() {
        return new Builder<>("Adam", 0.0, Adam::new);
    }
}
