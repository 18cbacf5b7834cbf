package io.pvebench.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema of one kind of mapping: the keys it allows (in the order hints list them),
 * those it requires, and keys it rejects with their own message (a literal
 * {@code password}).
 */
record Keys(List<String> allowed, List<String> required, Map<String, Rejection> rejected) {

    /** Why a key is refused and what to write instead. */
    record Rejection(String message, String hint) {
    }

    Keys {
        allowed = List.copyOf(allowed);
        required = List.copyOf(required);
        rejected = Map.copyOf(rejected);
    }

    static Keys allowed(String... keys) {
        return new Keys(List.of(keys), List.of(), Map.of());
    }

    Keys required(String... keys) {
        return new Keys(allowed, List.of(keys), rejected);
    }

    Keys rejecting(String key, String message, String hint) {
        Map<String, Rejection> more = new LinkedHashMap<>(rejected);
        more.put(key, new Rejection(message, hint));
        return new Keys(allowed, required, more);
    }
}
