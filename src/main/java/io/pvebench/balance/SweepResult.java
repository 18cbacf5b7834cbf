package io.pvebench.balance;

import java.util.Objects;

/** The score of one sweep setting under one load level ({@code light}, {@code normal}, {@code heavy}, ...). */
public record SweepResult(SweepSetting setting, String load, BalanceScore score) {

    public SweepResult {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(score, "score");
    }
}
