package io.pvebench.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a pipeline's {@code vmSpecs}: unique names, cores, memory with a unit, and either a
 * server/client pair of existing VMs ({@code vms}) or a template to clone them from
 * ({@code template}, optionally {@code nodes} to place them on).
 */
final class VmSpecsReader {

    private static final Keys VM_SPEC = Keys.allowed("name", "cores", "memory", "vms", "template", "nodes")
            .required("name", "cores", "memory");
    private static final String SOURCE_HINT = "'vms: [101, 102]' uses two existing VMs (server, client); "
            + "'template: 9000' clones two VMs from a template for the run and removes them at its end";
    /** {@code qm set --memory}'s minimum, in MiB. */
    private static final long MIN_CLONE_MEMORY_MIB = 16;

    private final Values values;
    private final List<String> clusterNodes;

    /**
     * @param clusterNodes the cluster's node names, which {@code nodes} may name; empty when
     *                     they are not known (a cluster file with problems), then not checked
     */
    VmSpecsReader(Values values, List<String> clusterNodes) {
        this.values = values;
        this.clusterNodes = List.copyOf(clusterNodes);
    }

    /** The VM specs in file order; problems reported, invalid ones left out. */
    List<VmSpec> read(MappingReader r) {
        List<VmSpec> specs = new ArrayList<>();
        Map<String, SourcePosition> names = new HashMap<>();
        List<YamlNode> items = r.list("vmSpecs", "[{name: small, cores: 4, memory: 4 GiB, vms: [101, 102]}]")
                .map(YamlNode.Sequence::items).orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            String path = "vmSpecs[" + i + "]";
            values.mapping(items.get(i), path)
                    .flatMap(m -> vmSpec(new MappingReader(m, path, path, VM_SPEC, values), path, names))
                    .ifPresent(specs::add);
        }
        return specs;
    }

    private Optional<VmSpec> vmSpec(MappingReader s, String path, Map<String, SourcePosition> names) {
        Optional<String> name = s.name("name");
        name.ifPresent(n -> {
            SourcePosition at = s.node("name").orElseThrow().position();
            SourcePosition first = names.putIfAbsent(n, at);
            if (first != null) {
                values.problems().add(at, "duplicate vmSpec name '" + n + "'", "already used at line " + first.line());
            }
        });
        Optional<Integer> cores = s.integer("cores", 1, 512);
        Optional<Long> memory = s.size("memory");
        Optional<VmSource> source = source(s, path);
        if (s.has("template") && !s.has("vms") && memory.isPresent()) {
            memory = cloneMemory(s, memory.get());
        }
        if (name.isEmpty() || cores.isEmpty() || memory.isEmpty() || source.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VmSpec(name.get(), cores.get(), memory.get(), source.get()));
    }

    /** Exactly one of {@code vms} and {@code template}; {@code nodes} only with a template. */
    private Optional<VmSource> source(MappingReader s, String path) {
        boolean listed = s.has("vms");
        boolean template = s.has("template");
        if (listed && template) {
            YamlNode.Entry second = later(s.entry("vms").orElseThrow(), s.entry("template").orElseThrow());
            values.problems().add(second.keyPosition(), "'" + path + "' has both 'vms' and 'template'", SOURCE_HINT);
            return Optional.empty();
        }
        if (!listed && !template) {
            values.problems().add(s.mapping().position(), "'" + path + "' needs 'vms' or 'template'", SOURCE_HINT);
            return Optional.empty();
        }
        if (listed) {
            s.entry("nodes").ifPresent(nodes -> values.problems().add(nodes.keyPosition(),
                    "'" + s.keyPath("nodes") + "' only applies with 'template'",
                    "listed VMs are used where they run; remove 'nodes', or clone the VMs with 'template'"));
            return s.list("vms", "[101, 102]").flatMap(list -> vmPair(list, s.keyPath("vms"))).map(ListedVms::new);
        }
        Optional<Integer> id = s.integer("template", 100, 999_999_999);
        Optional<List<String>> nodes = s.has("nodes")
                ? s.list("nodes", "[pve1, pve2]").flatMap(list -> nodes(list, s.keyPath("nodes")))
                : Optional.of(List.of());
        if (id.isEmpty() || nodes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TemplateClones(id.get(), nodes.get()));
    }

    private static YamlNode.Entry later(YamlNode.Entry a, YamlNode.Entry b) {
        SourcePosition pa = a.keyPosition();
        SourcePosition pb = b.keyPosition();
        boolean aFirst = pa.line() < pb.line() || (pa.line() == pb.line() && pa.column() < pb.column());
        return aFirst ? b : a;
    }

    /** The pair, server first, then any more VMs that carry the same load (for a balancer to move). */
    private Optional<List<Integer>> vmPair(YamlNode.Sequence list, String path) {
        int count = list.items().size();
        if (count < 2 || count > ListedVms.MAX) {
            values.problems().add(list.position(), "'" + path + "' must list 2 to " + ListedVms.MAX + " VM ids, got "
                    + count, "the first VM serves (iperf3 server, ping target), the second is the client; more VMs"
                    + " only carry the same load");
            return Optional.empty();
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            YamlNode item = list.items().get(i);
            Optional<Integer> id = values.integer(item, path + "[" + i + "]", 100, 999_999_999);
            if (id.isPresent() && ids.contains(id.get())) {
                values.problems().add(item.position(), "'" + path + "' names VM " + id.get() + " twice",
                        "every VM of a spec is a different VM");
                return Optional.empty();
            }
            id.ifPresent(ids::add);
        }
        return ids.size() == count ? Optional.of(ids) : Optional.empty();
    }

    /** The server's node and the client's, each one the cluster has (the same node twice is allowed). */
    private Optional<List<String>> nodes(YamlNode.Sequence list, String path) {
        if (list.items().size() != 2) {
            values.problems().add(list.position(), "'" + path + "' must name exactly 2 nodes, got "
                    + list.items().size(), "the server's node, then the client's: e.g. [pve1, pve2]");
            return Optional.empty();
        }
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            YamlNode item = list.items().get(i);
            String itemPath = path + "[" + i + "]";
            Optional<String> node = values.text(item, itemPath);
            if (node.isPresent() && !clusterNodes.isEmpty() && !clusterNodes.contains(node.get())) {
                values.problems().add(item.position(), "unknown node '" + node.get() + "' in '" + itemPath + "'",
                        Suggestions.nearest(node.get(), clusterNodes).map(n -> "did you mean '" + n + "'?")
                                .orElse("the cluster's nodes: " + String.join(", ", clusterNodes)));
                node = Optional.empty();
            }
            node.ifPresent(nodes::add);
        }
        return nodes.size() == 2 ? Optional.of(nodes) : Optional.empty();
    }

    /** Clones get their memory through {@code qm set --memory MiB}: a whole number of MiB, at least 16. */
    private Optional<Long> cloneMemory(MappingReader s, long bytes) {
        SourcePosition at = s.node("memory").orElseThrow().position();
        if (bytes % (1L << 20) != 0) {
            values.problems().add(at, "'" + s.keyPath("memory") + "' must be a whole number of MiB for cloned VMs",
                    "Proxmox sets a VM's memory in MiB, e.g. 4 GiB or 3584 MiB");
            return Optional.empty();
        }
        if (bytes >> 20 < MIN_CLONE_MEMORY_MIB) {
            values.problems().add(at, "'" + s.keyPath("memory") + "' must be at least 16 MiB for cloned VMs",
                    "Proxmox refuses less memory for a VM");
            return Optional.empty();
        }
        return Optional.of(bytes);
    }
}
