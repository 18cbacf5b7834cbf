package io.pvebench.report;

import io.pvebench.assess.MetricSeries;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A matrix cell as every report names it: its labels in {@link MetricSeries#CELL} order. */
final class CellNames {

    private CellNames() {
    }

    /** The cell's labels, those of {@link MetricSeries#CELL} first in that order, then any other by name. */
    static Map<String, String> ordered(Map<String, String> cell) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : MetricSeries.CELL) {
            if (cell.containsKey(key)) {
                out.put(key, cell.get(key));
            }
        }
        new TreeMap<>(cell).forEach(out::putIfAbsent);
        return out;
    }

    /** {@code vmSpec=small scenario=idle direction=forward node=pve2}; {@code no cell} for an empty one. */
    static String of(Map<String, String> cell) {
        if (cell.isEmpty()) {
            return "no cell";
        }
        StringBuilder text = new StringBuilder();
        ordered(cell).forEach((k, v) -> text.append(text.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return text.toString();
    }
}
