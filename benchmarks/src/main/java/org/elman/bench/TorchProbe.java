package org.elman.bench;

/** Quick check that PyTorch runs offline here: times the reference BiLSTM workload. */
public final class TorchProbe {
    public static void main(String[] args) {
        System.out.println("pytorch " + TorchLstm.version());
        try (TorchLstm t = new TorchLstm(3, true, 80, 256, 16, 300)) {
            Timer.figure("torch.bilstm3x256.forward", Timer.medianMs(2, 5, t::forward), "ms");
            Timer.figure("torch.bilstm3x256.forward_backward", Timer.medianMs(2, 5, t::forwardBackward), "ms");
        }
    }
}
