package org.elman.bench;

/**
 * The benchmark: GEMM throughput against peak, and Elman's recurrent layers and CTC loss against
 * PyTorch (through DJL) on the same workloads in the same run. Argument: all | gemm | lstm | ctc. Prints {@code NAME = VALUE UNIT}
 * per figure and {@code NAME.vs_pytorch = RATIO} per comparison (greater than 1: Elman faster).
 */
public final class ToolkitBench {
    private ToolkitBench() {}

    public static void main(String[] args) throws Exception {
        String only = args.length > 0 && !args[0].isBlank() ? args[0] : "all";
        if (!java.util.Set.of("all", "gemm", "lstm", "ctc").contains(only)) {
            throw new IllegalArgumentException("unknown benchmark '" + only + "': use all, gemm, lstm or ctc");
        }
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
        System.out.println("# pytorch " + TorchLstm.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        if (only.equals("all") || only.equals("gemm")) GemmBench.run();
        if (only.equals("all") || only.equals("lstm")) LstmBench.run();
        if (only.equals("all") || only.equals("ctc")) CtcBench.run();
    }
}
