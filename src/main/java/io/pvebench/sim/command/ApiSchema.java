package io.pvebench.sim.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of an API method's {@code returns} schema that pvesh's text output reads
 * (pve-common {@code CLIFormatter.pm}): the result type ({@code object}, or {@code array}
 * of {@code object} items), and per property its type, whether it is optional, its
 * {@code title} and its {@code renderer}. Immutable.
 *
 * @param type       {@code object} or {@code array}
 * @param itemType   an array's item type: {@code object}, or null when the real schema
 *                   declares no items (pvesh then prints each item as JSON in a headerless
 *                   one-column table); null for an object
 * @param properties the object's (or the items') properties by name; empty when the
 *                   real schema declares none
 */
record ApiSchema(String type, String itemType, Map<String, Prop> properties) {

    /** One property: {@code type} is {@code string integer number boolean object array}; title and renderer may be null. */
    record Prop(String name, String type, boolean optional, String title, String renderer) {

        Prop title(String newTitle) {
            return new Prop(name, type, optional, newTitle, renderer);
        }

        Prop renderer(String newRenderer) {
            return new Prop(name, type, optional, title, newRenderer);
        }

        boolean numeric() {
            return type.equals("integer") || type.equals("number");
        }
    }

    static Prop req(String name, String type) {
        return new Prop(name, type, false, null, null);
    }

    static Prop opt(String name, String type) {
        return new Prop(name, type, true, null, null);
    }

    /** An array of objects with these item properties. */
    static ApiSchema list(List<Prop> props) {
        return new ApiSchema("array", "object", index(props));
    }

    /** {@code returns => { type => 'array' }}: no item schema at all. */
    static ApiSchema untypedList() {
        return new ApiSchema("array", null, Map.of());
    }

    /** An object with these properties. */
    static ApiSchema object(List<Prop> props) {
        return new ApiSchema("object", null, index(props));
    }

    private static Map<String, Prop> index(List<Prop> props) {
        Map<String, Prop> map = new LinkedHashMap<>();
        props.forEach(p -> map.put(p.name(), p));
        return Map.copyOf(map);
    }
}
