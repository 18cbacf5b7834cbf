package io.pvebench.stage;

import io.pvebench.balance.CrsSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CrsOptionTest {

    @Test
    void nativeSettingsBecomeDatacenterCfgsCrsPropertyStringInPercent() {
        assertThat(BalanceStage.crsOption(CrsSettings.dynamicDefaults())).isEqualTo("ha=dynamic,ha-auto-rebalance=1,"
                + "ha-auto-rebalance-threshold=30,ha-auto-rebalance-hold-duration=3,ha-auto-rebalance-margin=10,"
                + "ha-auto-rebalance-method=bruteforce");
    }

    @Test
    void fractionalPercentagesKeepTheirDecimalsAndWholeOnesDoNot() {
        CrsSettings s = new CrsSettings(true, CrsSettings.Mode.STATIC, 22.5, 0, 5, CrsSettings.Method.TOPSIS);

        assertThat(BalanceStage.crsOption(s)).isEqualTo("ha=static,ha-auto-rebalance=1,"
                + "ha-auto-rebalance-threshold=22.5,ha-auto-rebalance-hold-duration=0,ha-auto-rebalance-margin=5,"
                + "ha-auto-rebalance-method=topsis");
    }
}
