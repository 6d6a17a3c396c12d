package org.elman.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import org.elman.backend.Backends;
import org.elman.backend.BinaryOp;
import org.elman.tensor.Shapes;
import org.elman.tensor.Tensor;

/**
 * The reverse-mode engine. Operations call {@link #record} after computing their outputs; {@link
 * #backward} walks the recorded nodes from a root in reverse topological order, summing gradients
 * that reach a tensor along several paths and accumulating them into the {@code grad} of leaves.
 */
public final class Graph {
    private Graph() {}

    /** True when an op with these inputs must record a node. */
    public static boolean needsGrad(Tensor... inputs) {
        if (!GradMode.isEnabled()) return false;
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) return true;
        }
        return false;
    }

    /** Records {@code outputs = name(inputs)} with its backward rule when gradients are needed. */
    public static void record(String name, Tensor[] inputs, Tensor[] outputs, BackwardFn backward) {
        if (!needsGrad(inputs)) return;
        Node node = new Node(name, inputs.clone(), outputs.clone(), backward);
        for (Tensor out : outputs) out.attach(node);
    }

    /** Single-output form of {@link #record}; returns the output for chaining. */
    public static Tensor record1(String name, Tensor out, BackwardFn backward, Tensor... inputs) {
        record(name, inputs, new Tensor[] {out}, backward);
        return out;
    }

    /** Back-propagates {@code seed} (the gradient of {@code root}) through the recorded graph. */
    public static void backward(Tensor root, Tensor seed) {
        Shapes.require("seed gradient", seed.shape(), root.shape());
        if (!root.requiresGrad()) throw new IllegalStateException("backward() on a tensor that does not require grad");
        try (GradMode.Scope s = GradMode.noGrad()) {
            if (root.isLeaf()) {
                accumulateLeaf(root, seed);
                return;
            }
            Map<Tensor, Tensor> pending = new IdentityHashMap<>();
            pending.put(root, seed);
            List<Node> order = topologicalOrder(root.gradFn());
            for (int i = order.size() - 1; i >= 0; i--) {
                propagate(order.get(i), pending);
            }
        }
    }

    private static void propagate(Node node, Map<Tensor, Tensor> pending) {
        Tensor[] outs = node.outputs();
        Tensor[] gradOuts = new Tensor[outs.length];
        boolean any = false;
        for (int j = 0; j < outs.length; j++) {
            gradOuts[j] = pending.remove(outs[j]);
            if (gradOuts[j] != null) {
                any = true;
                if (outs[j].retainsGrad()) accumulateLeaf(outs[j], gradOuts[j]);
            }
        }
        if (!any) return;
        Tensor[] gradIns = node.backward().apply(gradOuts);
        Tensor[] ins = node.inputs();
        if (gradIns.length != ins.length) {
            throw new IllegalStateException(node.name() + ": backward returned " + gradIns.length + " gradients for " + ins.length + " inputs");
        }
        for (int j = 0; j < ins.length; j++) {
            Tensor in = ins[j];
            Tensor g = gradIns[j];
            if (g == null || in == null || !in.requiresGrad()) continue;
            if (g.numel() != in.numel()) {
                throw new IllegalStateException(node.name() + ": gradient " + Shapes.str(g.shape()) + " for input " + j
                        + " of shape " + Shapes.str(in.shape()));
            }
            if (in.isLeaf()) accumulateLeaf(in, g);
            else pending.merge(in, g, Graph::sum);
        }
    }

    private static void accumulateLeaf(Tensor t, Tensor g) {
        Tensor shaped = g.view(t.shape());
        t.setGrad(t.grad() == null ? shaped.copy() : sum(t.grad(), shaped));
    }

    private static Tensor sum(Tensor a, Tensor b) {
        Tensor out = Tensor.zeros(a.shape());
        Backends.current().binary(BinaryOp.ADD, a.data(), a.offset(), b.data(), b.offset(), out.data(), 0, out.numel());
        return out;
    }

    /** Nodes reachable from {@code start}, each after every node that consumes its outputs. */
    private static List<Node> topologicalOrder(Node start) {
        List<Node> order = new ArrayList<>();
        Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {start, 0});
        visited.add(start);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Node node = (Node) frame[0];
            int next = (Integer) frame[1];
            Tensor[] ins = node.inputs();
            if (next < ins.length) {
                frame[1] = next + 1;
                Node child = ins[next] == null ? null : ins[next].gradFn();
                if (child != null && visited.add(child)) stack.push(new Object[] {child, 0});
            } else {
                stack.pop();
                order.add(node);
            }
        }
        return order;
    }
}
