package io.pvebench.sim.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Seeded randomness per entity. Each draw for an entity (a node, a VM, a VM pair)
 * gets a fresh {@link Random} seeded from the cluster seed, the entity's key and that
 * entity's call counter, so the same seed and the same sequence of calls per entity
 * give the same numbers, whatever other entities do in between. Thread-safe.
 */
public final class Randoms {

    private final long seed;
    private final Map<String, Long> counters = new HashMap<>();

    public Randoms(long seed) {
        this.seed = seed;
    }

    /** The next random source for {@code entity}; advances that entity's counter. */
    public synchronized Random next(String entity) {
        long call = counters.merge(entity, 1L, Long::sum);
        return new Random(mix(seed, entity, call));
    }

    /** A random source that depends only on seed and key (for fixed facts like MACs). */
    public Random fixed(String key) {
        return new Random(mix(seed, key, 0));
    }

    private static long mix(long seed, String key, long call) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001B3L;
        }
        h ^= call * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        return h ^ (h >>> 29);
    }
}
