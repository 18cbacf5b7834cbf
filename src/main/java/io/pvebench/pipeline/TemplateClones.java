package io.pvebench.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * Two full clones of a template, made once per run and removed when it ends: the first
 * serves, the second is the client.
 *
 * @param template the template's VM id
 * @param nodes    where the server and the client go, in that order; empty for the default:
 *                 the server on the template's node, the client on the next node of the
 *                 cluster, so the pair crosses nodes when the cluster has two or more
 */
public record TemplateClones(int template, List<String> nodes) implements VmSource {

    public TemplateClones {
        nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
        if (!nodes.isEmpty() && nodes.size() != 2) {
            throw new IllegalArgumentException("nodes names the server's node and the client's: " + nodes);
        }
    }

    /** Clones placed by default. */
    public TemplateClones(int template) {
        this(template, List.of());
    }

    @Override
    public String describe() {
        return "clones of template " + template + (nodes.isEmpty() ? "" : " on " + String.join(", ", nodes));
    }
}
