package io.pvebench.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads a pipeline's {@code variants}: unique names, an MTU in range, a bonding mode the kernel knows. */
final class VariantsReader {

    private static final Keys VARIANT = Keys.allowed("name", "mtu", "bondMode", "balance").required("name");
    private static final Keys BALANCE = Keys.allowed("threshold", "hold", "margin");
    private static final String EXAMPLE = "[{name: mtu1500, mtu: 1500}, {name: jumbo, mtu: 9000}]";

    /**
     * What was read.
     *
     * @param variants valid variants in file order
     * @param changes  where each variant that changes the cluster says so (its first setting's key)
     */
    record Read(List<Variant> variants, Map<String, SourcePosition> changes) {

        static final Read NONE = new Read(List.of(), Map.of());
    }

    private final Values values;
    private final boolean balanceDeclared;
    private final Optional<io.pvebench.balance.BalancerKind> balancer;

    /**
     * @param balanceDeclared whether the pipeline has a {@code balance:}
     * @param balancer        its balancer when valid, which says what a variant's {@code balance.hold} is
     */
    VariantsReader(Values values, boolean balanceDeclared, Optional<io.pvebench.balance.BalancerKind> balancer) {
        this.values = values;
        this.balanceDeclared = balanceDeclared;
        this.balancer = balancer;
    }

    /** The variants under {@code variants}; problems reported, invalid ones left out. */
    Read read(MappingReader r) {
        List<Variant> variants = new ArrayList<>();
        Map<String, SourcePosition> changes = new LinkedHashMap<>();
        Map<String, SourcePosition> names = new HashMap<>();
        List<YamlNode> items = r.list("variants", EXAMPLE).map(YamlNode.Sequence::items).orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            String path = "variants[" + i + "]";
            Optional<MappingReader> item = values.mapping(items.get(i), path)
                    .map(m -> new MappingReader(m, path, path, VARIANT, values));
            item.flatMap(v -> variant(v, names)).ifPresent(v -> {
                variants.add(v);
                MappingReader m = item.get();
                (m.has("mtu") ? m.entry("mtu") : m.entry("bondMode"))
                        .ifPresent(e -> changes.put(v.name(), e.keyPosition()));
            });
        }
        return new Read(variants, changes);
    }

    private Optional<Variant> variant(MappingReader v, Map<String, SourcePosition> names) {
        int before = values.problems().count();
        Optional<String> name = v.name("name");
        name.ifPresent(n -> {
            SourcePosition at = v.node("name").orElseThrow().position();
            SourcePosition first = names.putIfAbsent(n, at);
            if (first != null) {
                values.problems().add(at, "duplicate variant name '" + n + "'", "already used at line " + first.line());
            }
        });
        Integer mtu = v.has("mtu") ? mtu(v).orElse(null) : null;
        BondMode bondMode = v.has("bondMode") ? bondMode(v).orElse(null) : null;
        BalanceVariant balance = v.mapping("balance", BALANCE).map(this::balance).orElse(null);
        if (values.problems().count() > before || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Variant(name.get(), mtu, bondMode, balance));
    }

    /** A sweep point: the pipeline's balancer says whether {@code hold} counts CRM rounds (native) or is a duration. */
    private BalanceVariant balance(MappingReader b) {
        if (!balanceDeclared) {
            values.problems().add(b.mapping().position(), "a variant's 'balance' needs a 'balance:' in the pipeline",
                    "add 'balance:' with the balancer these settings are for");
            return null;
        }
        java.util.OptionalDouble threshold = b.percent("threshold").map(java.util.OptionalDouble::of)
                .orElse(java.util.OptionalDouble.empty());
        java.util.OptionalDouble margin = b.percent("margin").map(java.util.OptionalDouble::of)
                .orElse(java.util.OptionalDouble.empty());
        Optional<io.pvebench.balance.Hold> hold = balancer.orElse(null) == io.pvebench.balance.BalancerKind.NATIVE_CRS
                ? b.integer("hold", 1, 1000).map(io.pvebench.balance.Hold::rounds)
                : b.duration("hold", java.time.Duration.ZERO, java.time.Duration.ofHours(1))
                .map(io.pvebench.balance.Hold::lasting);
        return new BalanceVariant(threshold, hold, margin);
    }

    private Optional<Integer> mtu(MappingReader v) {
        return v.integer("mtu", Integer.MIN_VALUE, Integer.MAX_VALUE).filter(mtu -> {
            if (mtu >= Variant.MIN_MTU && mtu <= Variant.MAX_MTU) {
                return true;
            }
            values.problems().add(v.node("mtu").orElseThrow().position(), "'" + v.keyPath("mtu")
                            + "' must be between " + Variant.MIN_MTU + " and " + Variant.MAX_MTU + " bytes, got " + mtu,
                    "1500 is Ethernet's default and 9000 the usual jumbo frame; every switch port and NIC on the"
                            + " path must accept frames that large");
            return false;
        });
    }

    private Optional<BondMode> bondMode(MappingReader v) {
        return v.text("bondMode").flatMap(text -> {
            Optional<BondMode> mode = BondMode.byWritten(text);
            if (mode.isEmpty()) {
                values.problems().add(v.node("bondMode").orElseThrow().position(), "'" + v.keyPath("bondMode")
                        + "' must be one of " + String.join(", ", BondMode.allWritten()) + ", got '" + text + "'",
                        bondHint(text));
            }
            return mode;
        });
    }

    private static String bondHint(String text) {
        if (text.toLowerCase(Locale.ROOT).equals("lacp")) {
            return "LACP is the mode the kernel calls 802.3ad";
        }
        if (text.matches("[0-6]")) {
            return "write the mode's name: mode " + text + " is " + BondMode.values()[Integer.parseInt(text)].written();
        }
        return Suggestions.nearest(text, BondMode.allWritten()).map(m -> "did you mean '" + m + "'?")
                .orElse("these are the Linux bonding modes Proxmox VE offers");
    }
}
