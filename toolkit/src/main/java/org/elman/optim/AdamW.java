package org.elman.optim;

/**
 * Adam with decoupled weight decay ({@code p *= 1 - lr * weightDecay} before the Adam step), as
 * PyTorch's {@code torch.optim.AdamW}, default weight decay 0.01; see {@link AbstractAdam}.
 *
 * <pre>{@code
 * AdamW opt = AdamW.builder().setParams(model.parameters()).setLr(1e-3).optWeightDecay(0.05).build();
 * }</pre>
 */
public final class AdamW extends AbstractAdam {
    private AdamW(Builder<AdamW> b) {
        super(b, true);
    }

    public static Builder<AdamW> builder() {
        return new Builder<>("AdamW", 0.01, AdamW::new);
    }
}
