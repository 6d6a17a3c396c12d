import java.util.Arrays;
import java.util.Random;
import org.elman.autograd.GradMode;
import org.elman.nn.rnn.Gru;
import org.elman.nn.rnn.Lstm;
import org.elman.nn.rnn.Stacked;
import org.elman.tensor.Tensor;

/**
 * Elman's side of the scaling probe: a 3-layer bidirectional LSTM or GRU (input 80, batch 16,
 * T 300) forward ("fwd", no gradients) or forward + backward ("fb"); prints the median of REPS
 * timed runs after 3 untimed ones, each after a 100 ms rest. The thread count is -Delman.threads.
 * Usage: java -cp TOOLKIT_CLASSPATH:. Scale lstm|gru HIDDEN fwd|fb REPS
 */
public class Scale {
    public static void main(String[] a) throws InterruptedException {
        boolean gru = a[0].equals("gru");
        int hidden = Integer.parseInt(a[1]);
        boolean fb = a[2].equals("fb");
        int reps = Integer.parseInt(a[3]);
        Stacked net = gru
                ? Gru.builder().setInputSize(80).setHiddenSize(hidden).optLayers(3).optBidirectional(true).buildStack()
                : Lstm.builder().setInputSize(80).setHiddenSize(hidden).optLayers(3).optBidirectional(true).buildStack();
        Tensor x = Tensor.randn(new Random(1), 300, 16, 80);
        double[] ms = new double[reps];
        for (int r = -3; r < reps; r++) {
            Thread.sleep(100);
            long t0 = System.nanoTime();
            if (fb) {
                net.zeroGrad();
                net.forward(x).output().sum().backward();
            } else {
                try (GradMode.Scope s = GradMode.noGrad()) {
                    net.forward(x).output().sum().item();
                }
            }
            if (r >= 0) ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("elman %s H=%d %s threads=%s median=%.1f ms (min %.1f max %.1f)%n", a[0], hidden, a[2],
                System.getProperty("elman.threads", "all"), ms[reps / 2], ms[0], ms[reps - 1]);
    }
}
