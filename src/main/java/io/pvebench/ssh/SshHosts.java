package io.pvebench.ssh;

import java.util.List;
import java.util.Optional;

/**
 * The hosts of one cluster, in inventory order, found by name.
 *
 * @param all every host; names are unique
 */
public record SshHosts(List<SshHost> all) {

    public SshHosts {
        all = List.copyOf(all);
        if (all.stream().map(SshHost::name).distinct().count() != all.size()) {
            throw new IllegalArgumentException("host names must be unique: " + all);
        }
    }

    public Optional<SshHost> find(String name) {
        return all.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** The host called {@code name}; an {@link IllegalArgumentException} names the known ones otherwise. */
    public SshHost get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "no host '" + name + "'; known: " + all.stream().map(SshHost::name).toList()));
    }

    public List<String> names() {
        return all.stream().map(SshHost::name).toList();
    }
}
