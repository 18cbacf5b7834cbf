package io.pvebench.sim.command;

import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.NodeInfo;

import java.util.List;

/**
 * One command on one node: the words after parsing, the node it runs on and the model.
 * {@code args} excludes the program name.
 */
public record Invocation(String program, List<String> args, NodeInfo node, ClusterModel model) {

    public Invocation withArgs(String newProgram, List<String> newArgs) {
        return new Invocation(newProgram, newArgs, node, model);
    }
}
