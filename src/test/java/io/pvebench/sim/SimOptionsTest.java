package io.pvebench.sim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /cluster/options} and the CRS property string per version profile. */
class SimOptionsTest {

    private SimCluster cluster;
    private SshClient ssh;

    private void start(String version) {
        cluster = SimCluster.start(SimSpec.defaults(2, 7).withVersion(version).withHaResources("vm:100"),
                SimQuorumTest.FIXED);
        ssh = new SshClient(cluster);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void pve92AcceptsDynamicModeAndAutoRebalanceAndShowsThemParsed() throws Exception {
        start("9.2");
        assertThat(ssh.run("pve1", "pvesh get /cluster/options --output-format json").stdout())
                .isEqualTo("{\"allowed-tags\":[]}\n");
        SshClient.Result set = ssh.run("pve1", "pvesh set /cluster/options --crs 'ha=dynamic,ha-auto-rebalance=1,"
                + "ha-auto-rebalance-threshold=30,ha-auto-rebalance-hold-duration=3,ha-auto-rebalance-margin=10,"
                + "ha-auto-rebalance-method=topsis'");
        assertThat(set.exitStatus()).isZero();
        assertThat(ssh.run("pve2", "pvesh get /cluster/options --output-format json").stdout()).isEqualTo(
                "{\"allowed-tags\":[],\"crs\":{\"ha\":\"dynamic\",\"ha-auto-rebalance\":1,"
                        + "\"ha-auto-rebalance-hold-duration\":\"3\",\"ha-auto-rebalance-margin\":\"10\","
                        + "\"ha-auto-rebalance-method\":\"topsis\",\"ha-auto-rebalance-threshold\":\"30\"}}\n");
        assertThat(ssh.run("pve1", "ha-manager status").stdout())
                .contains("master pve1 (active, Wed Nov 25 07:59:57 2026) - dynamic load CRS\n");

        assertThat(ssh.run("pve1", "pvesh set /cluster/options --delete crs").exitStatus()).isZero();
        assertThat(ssh.run("pve1", "pvesh get /cluster/options --output-format json").stdout())
                .isEqualTo("{\"allowed-tags\":[]}\n");
    }

    @Test
    void pve92ChecksRangesAndRequirements() throws Exception {
        start("9.2");
        SshClient.Result tooHigh = ssh.run("pve1",
                "pvesh set /cluster/options --crs ha=static,ha-auto-rebalance=1,ha-auto-rebalance-threshold=150");
        assertThat(tooHigh.exitStatus()).isEqualTo(255);
        assertThat(tooHigh.stderr()).isEqualTo("400 Parameter verification failed.\ncrs: invalid format - format error\n"
                + "crs.ha-auto-rebalance-threshold: value must have a maximum value of 100\n\n");
        SshClient.Result missing = ssh.run("pve1", "pvesh set /cluster/options --crs ha-auto-rebalance-margin=5");
        assertThat(missing.stderr()).contains(
                "crs.ha-auto-rebalance: missing property required by 'crs.ha-auto-rebalance-margin'\n");
    }

    @Test
    void pve84RejectsDynamicModeAndTheRebalanceKeys() throws Exception {
        start("8.4");
        SshClient.Result dynamic = ssh.run("pve1", "pvesh set /cluster/options --crs ha=dynamic");
        assertThat(dynamic.exitStatus()).isEqualTo(255);
        assertThat(dynamic.stderr()).isEqualTo("400 Parameter verification failed.\ncrs: invalid format - format error\n"
                + "crs.ha: value 'dynamic' does not have a value in the enumeration 'basic, static'\n\n");
        SshClient.Result rebalance = ssh.run("pve1", "pvesh set /cluster/options --crs ha=static,ha-auto-rebalance=1");
        assertThat(rebalance.stderr()).isEqualTo("400 Parameter verification failed.\n"
                + "crs: invalid format - invalid key in comma-separated list property: ha-auto-rebalance\n\n");
        assertThat(ssh.run("pve1", "pvesh set /cluster/options --crs ha=static,ha-rebalance-on-start=yes")
                .exitStatus()).isZero();
        assertThat(ssh.run("pve1", "pvesh get /cluster/options --output-format json").stdout())
                .isEqualTo("{\"allowed-tags\":[],\"crs\":{\"ha\":\"static\",\"ha-rebalance-on-start\":1}}\n");
    }
}
