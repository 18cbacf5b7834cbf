package io.pvebench.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.balance.BalanceScore;
import io.pvebench.balance.BalancerKind;
import io.pvebench.balance.Hold;
import io.pvebench.balance.SweepResult;
import io.pvebench.balance.SweepSetting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The one format of a line of {@code sweep.jsonl}: how one case's balancer did
 * ({@link SweepResult}), kept as the case finishes so that judging the run again keeps the
 * sweep's ranking. Written field by field, since a score's optional parts have no plain JSON
 * form: an absent one is {@code null}, a duration ISO-8601 text. Stateless.
 */
final class SweepJournal {

    private SweepJournal() {
    }

    static Map<String, Object> line(SweepResult result) {
        SweepSetting setting = result.setting();
        Map<String, Object> hold = new LinkedHashMap<>();
        hold.put("rounds", setting.hold().rounds());
        hold.put("duration", setting.hold().duration() == null ? null : setting.hold().duration().toString());
        BalanceScore s = result.score();
        Map<String, Object> score = new LinkedHashMap<>();
        score.put("from", s.from());
        score.put("to", s.to());
        score.put("imbalanceBefore", s.imbalanceBefore());
        score.put("imbalanceAfter", s.imbalanceAfter());
        score.put("cpuSpreadBefore", s.cpuSpreadBefore());
        score.put("cpuSpreadAfter", s.cpuSpreadAfter());
        score.put("timeToBalance", s.timeToBalance().map(Duration::toString).orElse(null));
        score.put("migrations", s.migrations());
        score.put("failedMigrations", s.failedMigrations());
        score.put("thrash", s.thrash());
        score.put("thrashedVms", s.thrashedVms());
        score.put("disturbance", new java.util.TreeMap<>(s.disturbance()));
        score.put("strandedCpuAfter", s.strandedCpuAfter().isPresent() ? s.strandedCpuAfter().getAsDouble() : null);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", setting.kind().name());
        line.put("thresholdPercent", setting.thresholdPercent());
        line.put("hold", hold);
        line.put("marginPercent", setting.marginPercent());
        line.put("load", result.load());
        line.put("score", score);
        return line;
    }

    /**
     * The result a line describes.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    static SweepResult result(JsonNode line) {
        JsonNode hold = required(line, "hold");
        String duration = text(hold, "duration");
        SweepSetting setting = new SweepSetting(BalancerKind.valueOf(text(line, "kind")),
                required(line, "thresholdPercent").asDouble(),
                new Hold(hold.path("rounds").asInt(), duration == null ? null : Duration.parse(duration)),
                required(line, "marginPercent").asDouble());
        JsonNode s = required(line, "score");
        String toBalance = text(s, "timeToBalance");
        List<Integer> thrashed = new ArrayList<>();
        s.path("thrashedVms").forEach(v -> thrashed.add(v.asInt()));
        Map<String, Double> disturbance = new LinkedHashMap<>();
        s.path("disturbance").fields().forEachRemaining(e -> disturbance.put(e.getKey(), e.getValue().asDouble()));
        JsonNode stranded = s.path("strandedCpuAfter");
        BalanceScore score = new BalanceScore(Instant.parse(text(s, "from")), Instant.parse(text(s, "to")),
                required(s, "imbalanceBefore").asDouble(), required(s, "imbalanceAfter").asDouble(),
                required(s, "cpuSpreadBefore").asDouble(), required(s, "cpuSpreadAfter").asDouble(),
                Optional.ofNullable(toBalance).map(Duration::parse), required(s, "migrations").asInt(),
                required(s, "failedMigrations").asInt(), required(s, "thrash").asInt(), thrashed, disturbance,
                stranded.isNumber() ? OptionalDouble.of(stranded.asDouble()) : OptionalDouble.empty());
        return new SweepResult(setting, text(line, "load"), score);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
