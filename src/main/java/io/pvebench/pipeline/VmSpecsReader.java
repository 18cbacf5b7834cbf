package io.pvebench.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a pipeline's {@code vmSpecs}: unique names, cores, memory with a unit, a server/client VM pair. */
final class VmSpecsReader {

    private static final Keys VM_SPEC = Keys.allowed("name", "cores", "memory", "vms")
            .required("name", "cores", "memory", "vms");

    private final Values values;

    VmSpecsReader(Values values) {
        this.values = values;
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
                    .flatMap(m -> vmSpec(new MappingReader(m, path, path, VM_SPEC, values), names))
                    .ifPresent(specs::add);
        }
        return specs;
    }

    private Optional<VmSpec> vmSpec(MappingReader s, Map<String, SourcePosition> names) {
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
        Optional<List<Integer>> vms = s.list("vms", "[101, 102]").flatMap(list -> vmPair(list, s.keyPath("vms")));
        if (name.isEmpty() || cores.isEmpty() || memory.isEmpty() || vms.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VmSpec(name.get(), cores.get(), memory.get(), vms.get()));
    }

    private Optional<List<Integer>> vmPair(YamlNode.Sequence list, String path) {
        if (list.items().size() != 2) {
            values.problems().add(list.position(), "'" + path + "' must list exactly 2 VM ids, got " + list.items().size(),
                    "the first VM serves (iperf3 server, ping target), the second is the client");
            return Optional.empty();
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            YamlNode item = list.items().get(i);
            Optional<Integer> id = values.integer(item, path + "[" + i + "]", 100, 999_999_999);
            if (id.isPresent() && ids.contains(id.get())) {
                values.problems().add(item.position(), "'" + path + "' names VM " + id.get() + " twice",
                        "the server and the client must be different VMs");
                return Optional.empty();
            }
            id.ifPresent(ids::add);
        }
        return ids.size() == 2 ? Optional.of(ids) : Optional.empty();
    }
}
