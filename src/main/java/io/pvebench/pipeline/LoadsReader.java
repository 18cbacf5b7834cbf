package io.pvebench.pipeline;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a pipeline's own load profiles, {@code loads: {NAME: {cpu: 60 %, memory: 30 %,
 * io: 2, bursts: {every: 30s, length: 5s, cpu: 100 %, ...}}}}. A name
 * may not shadow a built-in scenario: {@code heavy} means the same in every pipeline.
 */
final class LoadsReader {

    private static final List<String> LEVEL_KEYS = List.of("cpu", "memory", "io");
    private static final Keys PROFILE = Keys.allowed("cpu", "memory", "io", "bursts");
    private static final Keys BURSTS = Keys.allowed("every", "length", "cpu", "memory", "io")
            .required("every", "length");
    private static final String EXAMPLE = "e.g. loads: {busy: {cpu: 60 %, memory: 30 %}}";

    private final Values values;

    LoadsReader(Values values) {
        this.values = values;
    }

    /** The profiles in file order; problems reported, invalid ones left out. */
    Map<String, LoadProfile> read(YamlNode node) {
        Map<String, LoadProfile> loads = new LinkedHashMap<>();
        for (YamlNode.Entry entry : values.mapping(node, "loads").map(YamlNode.Mapping::entries).orElse(List.of())) {
            String name = entry.key();
            if (LoadProfile.BUILT_IN.containsKey(name)) {
                values.problems().add(entry.keyPosition(), "'loads." + name + "' would redefine the built-in scenario '"
                        + name + "'", "pick another name; built-in scenarios are " + String.join(", ",
                        LoadProfile.BUILT_IN_SCENARIOS));
                continue;
            }
            if (!name.matches("[a-z0-9][a-z0-9-]*")) {
                values.problems().add(entry.keyPosition(), "bad load profile name '" + name + "'",
                        "lower-case letters, digits and '-', starting with a letter or digit");
                continue;
            }
            String path = "loads." + name;
            values.mapping(entry.value(), path)
                    .flatMap(m -> profile(name, new MappingReader(m, path, path, PROFILE, values)))
                    .ifPresent(p -> loads.put(name, p));
        }
        return loads;
    }

    private Optional<LoadProfile> profile(String name, MappingReader r) {
        if (LEVEL_KEYS.stream().noneMatch(r::has) && !r.has("bursts")) {
            values.problems().add(r.mapping().position(), "'loads." + name + "' puts no load on the VMs",
                    "give it 'cpu', 'memory', 'io' or 'bursts'; " + EXAMPLE);
            return Optional.empty();
        }
        Optional<LoadLevel> steady = level(r, LoadLevel.NONE);
        Optional<LoadProfile.Bursts> bursts = r.mapping("bursts", BURSTS).flatMap(this::bursts);
        if (steady.isEmpty() || (r.has("bursts") && bursts.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new LoadProfile(name, steady.get(), bursts.orElse(null)));
    }

    private Optional<LoadProfile.Bursts> bursts(MappingReader b) {
        Optional<Duration> every = b.duration("every", Duration.ofSeconds(2), Duration.ofHours(1));
        Optional<Duration> length = b.duration("length", Duration.ofSeconds(1), Duration.ofHours(1));
        Optional<LoadLevel> peak = level(b, LoadLevel.NONE);
        if (every.isEmpty() || length.isEmpty() || peak.isEmpty()) {
            return Optional.empty();
        }
        if (length.get().compareTo(every.get()) >= 0) {
            values.problems().add(b.node("length").orElseThrow().position(), "'" + b.keyPath("length")
                    + "' must be shorter than 'every'", "one burst happens in every slot of 'every'; e.g. every: 30s,"
                    + " length: 5s");
            return Optional.empty();
        }
        return Optional.of(new LoadProfile.Bursts(every.get(), length.get(), peak.get()));
    }

    private Optional<LoadLevel> level(MappingReader r, LoadLevel defaults) {
        Optional<Double> cpu = percent(r, "cpu", 100, defaults.cpuPercent());
        Optional<Double> memory = percent(r, "memory", 90, defaults.memoryPercent());
        Optional<Integer> io = r.has("io") ? r.integer("io", 0, 64) : Optional.of(defaults.ioWorkers());
        if (cpu.isEmpty() || memory.isEmpty() || io.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LoadLevel(cpu.get(), memory.get(), io.get()));
    }

    private Optional<Double> percent(MappingReader r, String key, int max, double fallback) {
        if (!r.has(key)) {
            return Optional.of(fallback);
        }
        Optional<BigDecimal> value = r.quantity(key, Quantity.Kind.PERCENT);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get().signum() < 0 || value.get().compareTo(BigDecimal.valueOf(max)) > 0) {
            values.problems().add(r.node(key).orElseThrow().position(), "'" + r.keyPath(key) + "' must be 0 % to "
                    + max + " %, got " + value.get().stripTrailingZeros().toPlainString() + " %",
                    key.equals("memory") ? "the guest's own system needs the rest of its memory" : null);
            return Optional.empty();
        }
        return Optional.of(value.get().doubleValue());
    }
}
