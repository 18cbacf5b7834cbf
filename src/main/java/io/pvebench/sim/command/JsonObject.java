package io.pvebench.sim.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON object that keeps its members in insertion order and allows a key twice,
 * because iperf3's cJSON output repeats {@code sock_bufsize} once per stream. Values are
 * {@code String}, {@code Integer}/{@code Long} (printed as integers), {@code Double},
 * {@code Boolean}, {@code null}, {@link JsonObject} or {@code List}. Not thread-safe.
 */
public final class JsonObject {

    private final List<Map.Entry<String, Object>> members = new ArrayList<>();

    public JsonObject put(String key, Object value) {
        members.add(new java.util.AbstractMap.SimpleImmutableEntry<>(key, value));
        return this;
    }

    public List<Map.Entry<String, Object>> members() {
        return members;
    }
}
