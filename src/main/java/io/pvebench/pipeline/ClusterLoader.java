package io.pvebench.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Loads and validates a cluster file ({@code pipelines/clusters/lab.yaml}). Reports every
 * problem at once; never connects anywhere and does not check that the key, password or
 * known_hosts files exist (they may exist only where the pipeline runs). Stateless.
 */
public final class ClusterLoader {

    private static final Keys CLUSTER = Keys.allowed("name", "nodes", "ssh", "allowDestructive", "timeScale",
                    "cleanup")
            .required("name", "nodes", "ssh");
    private static final Keys NODE = Keys.allowed("name", "address", "port", "protected").required("name", "address");
    private static final String SECRET_HINT = "put it in an environment variable named by '%s', or in a file "
            + "only you can read, named by '%s'";
    private static final Keys SSH = Keys.allowed("user", "identityFile", "passphraseEnv", "passwordEnv", "passwordFile",
                    "knownHosts", "hostKeys", "connectTimeout")
            .rejecting("password", "is not allowed: secrets never go into files that get committed",
                    SECRET_HINT.formatted("passwordEnv", "passwordFile"))
            .rejecting("passphrase", "is not allowed: secrets never go into files that get committed",
                    "put it in an environment variable named by 'passphraseEnv'");
    private static final List<String> AUTH_KEYS = List.of("identityFile", "passwordEnv", "passwordFile");
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s/]+");
    private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(10);

    private final Path file;
    private final Path home;
    private final Values values;

    private ClusterLoader(Path file, Path home, Problems problems) {
        this.file = file;
        this.home = home;
        this.values = new Values(problems);
    }

    /** The cluster in {@code file}; {@code ~} in paths is the user's home. */
    public static ClusterDef load(Path file) {
        return load(file, PipelineLoader.userHome());
    }

    /**
     * The cluster in {@code file}, with {@code ~} in paths meaning {@code home}.
     *
     * @throws InvalidPipelineException with every problem found
     */
    public static ClusterDef load(Path file, Path home) {
        Problems problems = new Problems();
        Optional<ClusterDef> cluster = read(file, home, problems);
        problems.throwIfAny();
        return cluster.orElseThrow();
    }

    /** The cluster, or empty after reporting its problems to {@code problems}. */
    static Optional<ClusterDef> read(Path file, Path home, Problems problems) {
        int before = problems.count();
        Optional<ClusterDef> cluster = YamlTreeReader.read(file, "cluster", "a cluster file needs 'name', 'nodes' and 'ssh'",
                        problems)
                .flatMap(root -> new ClusterLoader(file, home, problems).cluster(root));
        return problems.count() > before ? Optional.empty() : cluster;
    }

    private Optional<ClusterDef> cluster(YamlNode root) {
        if (!(root instanceof YamlNode.Mapping mapping)) {
            values.problems().add(root.position(), "a cluster file must be a mapping of keys to values, got "
                    + root.described());
            return Optional.empty();
        }
        MappingReader r = new MappingReader(mapping, "", "cluster", CLUSTER, values);
        Optional<String> name = r.name("name");
        List<NodeDef> nodes = nodes(r);
        Optional<SshDef> ssh = r.mapping("ssh", SSH).flatMap(this::ssh);
        boolean allowDestructive = r.bool("allowDestructive").orElse(false);
        double timeScale = r.positive("timeScale").orElse(1.0);
        Optional<Boolean> removeOrphans = r.has("cleanup") ? r.text("cleanup").flatMap(text -> cleanup(r, text))
                : Optional.of(false);
        if (name.isEmpty() || nodes.isEmpty() || ssh.isEmpty() || removeOrphans.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ClusterDef(file, name.get(), nodes, ssh.get(), allowDestructive, timeScale,
                removeOrphans.get()));
    }

    private List<NodeDef> nodes(MappingReader cluster) {
        List<NodeDef> nodes = new ArrayList<>();
        Map<String, SourcePosition> names = new HashMap<>();
        Map<String, SourcePosition> endpoints = new HashMap<>();
        List<YamlNode> items = cluster.list("nodes", "[{name: pve1, address: 192.0.2.11}]")
                .map(YamlNode.Sequence::items).orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            String path = "nodes[" + i + "]";
            Optional<MappingReader> r = values.mapping(items.get(i), path)
                    .map(m -> new MappingReader(m, path, path, NODE, values));
            if (r.isEmpty()) {
                continue;
            }
            Optional<String> name = r.get().node("name").flatMap(n -> values.matching(n, path + ".name", NODE_NAME,
                    "use the node name Proxmox shows: letters, digits and '-'"));
            Optional<String> address = r.get().node("address").flatMap(n -> values.matching(n, path + ".address",
                    ADDRESS, "a host name or an IP address, without port or spaces"));
            Optional<Integer> port = r.get().has("port") ? r.get().integer("port", 1, 65535) : Optional.of(22);
            boolean guarded = r.get().bool("protected").orElse(false);
            name.ifPresent(n -> unique(names, n, r.get().node("name").orElseThrow().position(), "node name '" + n + "'"));
            if (address.isPresent() && port.isPresent()) {
                String endpoint = address.get() + ":" + port.get();
                SourcePosition at = r.get().node("address").orElseThrow().position();
                unique(endpoints, endpoint, at, "node address " + endpoint);
            }
            if (name.isPresent() && address.isPresent() && port.isPresent()) {
                nodes.add(new NodeDef(name.get(), address.get(), port.get(), guarded));
            }
        }
        return nodes.size() == items.size() ? nodes : List.of();
    }

    private void unique(Map<String, SourcePosition> seen, String key, SourcePosition at, String what) {
        SourcePosition first = seen.putIfAbsent(key, at);
        if (first != null) {
            values.problems().add(at, "duplicate " + what, "already used at line " + first.line());
        }
    }

    private Optional<SshDef> ssh(MappingReader r) {
        int before = values.problems().count();
        Path dir = file.getParent();
        List<YamlNode.Entry> auth = AUTH_KEYS.stream().flatMap(k -> r.entry(k).stream()).toList();
        if (auth.isEmpty()) {
            values.problems().add(r.mapping().position(), "'ssh' needs one of 'identityFile', 'passwordEnv' or 'passwordFile'",
                    "e.g. identityFile: ~/.ssh/id_ed25519");
        }
        for (YamlNode.Entry extra : auth.subList(Math.min(1, auth.size()), auth.size())) {
            values.problems().add(extra.keyPosition(), "'" + r.keyPath(extra.key()) + "' and '"
                    + r.keyPath(auth.get(0).key()) + "' exclude each other", "give exactly one way to log in");
        }
        if (r.has("passphraseEnv") && !r.has("identityFile")) {
            values.problems().add(r.entry("passphraseEnv").orElseThrow().keyPosition(),
                    "'ssh.passphraseEnv' only applies with 'ssh.identityFile'", "remove 'passphraseEnv'");
        }
        String user = r.text("user").orElse("root");
        Path identityFile = r.path("identityFile", dir, home).orElse(null);
        String passphraseEnv = r.envName("passphraseEnv").orElse(null);
        String passwordEnv = r.envName("passwordEnv").orElse(null);
        Path passwordFile = r.path("passwordFile", dir, home).orElse(null);
        Path knownHosts = r.path("knownHosts", dir, home).orElse(home.resolve(".ssh/known_hosts"));
        Optional<HostKeyMode> hostKeys = r.has("hostKeys") ? r.text("hostKeys").flatMap(text -> hostKeyMode(r, text))
                : Optional.of(HostKeyMode.STRICT);
        Optional<Duration> connectTimeout = r.has("connectTimeout")
                ? r.duration("connectTimeout", MIN_CONNECT_TIMEOUT, MAX_CONNECT_TIMEOUT)
                : Optional.of(Duration.ofSeconds(10));
        if (values.problems().count() > before) {
            return Optional.empty();
        }
        return Optional.of(new SshDef(user, identityFile, passphraseEnv, passwordEnv, passwordFile, knownHosts,
                hostKeys.get(), connectTimeout.get()));
    }

    /** {@code cleanup: orphans} removes what crashed runs left; {@code none} (the default) only reports it. */
    private Optional<Boolean> cleanup(MappingReader r, String text) {
        List<String> known = List.of("none", "orphans");
        if (!known.contains(text)) {
            values.problems().add(r.node("cleanup").orElseThrow().position(),
                    "'cleanup' must be one of none, orphans, got '" + text + "'",
                    Suggestions.nearest(text, known).map(m -> "did you mean '" + m + "'?")
                            .orElse("'orphans' lets a run remove the VMs (tagged pvebench) that an earlier run left"));
            return Optional.empty();
        }
        return Optional.of(text.equals("orphans"));
    }

    private Optional<HostKeyMode> hostKeyMode(MappingReader r, String text) {
        Optional<HostKeyMode> mode = HostKeyMode.byWritten(text);
        if (mode.isEmpty()) {
            values.problems().add(r.node("hostKeys").orElseThrow().position(),
                    "'ssh.hostKeys' must be one of " + String.join(", ", HostKeyMode.allWritten()) + ", got '" + text + "'",
                    Suggestions.nearest(text, HostKeyMode.allWritten()).map(m -> "did you mean '" + m + "'?").orElse(null));
        }
        return mode;
    }
}
