package org.elman.bench;

/**
 * The toolkit benchmark: GEMM throughput against peak, and Elman's recurrent layers against
 * PyTorch (through DJL) on the same workloads in the same run. Prints {@code NAME = VALUE UNIT}
 * per figure and {@code NAME.vs_pytorch = RATIO} per comparison (greater than 1: Elman faster).
 */
public final class ToolkitBench {
    private ToolkitBench() {}

    public static void main(String[] args) {
        String only = args.length > 0 ? args[0] : "all";
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
        System.out.println("# pytorch " + TorchLstm.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        if (only.equals("all") || only.equals("gemm")) GemmBench.run();
        if (only.equals("all") || only.equals("lstm")) LstmBench.run();
    }
}
