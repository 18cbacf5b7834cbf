package io.pvebench.sim.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster-wide {@code /etc/pve/datacenter.cfg}: option name to its value as written
 * in the file (property strings such as {@code crs} stay strings; the API parses them).
 * Empty by default, as on a fresh cluster. Not thread-safe on its own: {@link ClusterModel}
 * guards it.
 */
public final class DatacenterConfig {

    private final Map<String, String> options = new TreeMap<>();

    public Map<String, String> options() {
        return Map.copyOf(options);
    }

    public String get(String key) {
        return options.get(key);
    }

    void put(String key, String value) {
        options.put(key, value);
    }

    void remove(String key) {
        options.remove(key);
    }
}
