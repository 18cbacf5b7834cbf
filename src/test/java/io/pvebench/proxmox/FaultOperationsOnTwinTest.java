package io.pvebench.proxmox;

import io.pvebench.testsupport.TwinShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fault port's injections and their undoing, on the twin through pvebench's own SSH layer. */
class FaultOperationsOnTwinTest {

    private TwinShell twin;
    private FaultPort faults;
    private ClusterPort cluster;

    @BeforeEach
    void startTwin() {
        twin = new TwinShell("9.2", 11, 20);
        faults = twin.faults();
        cluster = twin.cluster();
    }

    @AfterEach
    void stopTwin() {
        twin.close();
    }

    /** Waits, at most 30 s of wall time, for {@code condition}. */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    private boolean online(String node) {
        return cluster.status().nodes().stream().anyMatch(n -> n.name().equals(node) && n.online());
    }

    @Test
    void droppingCorosyncTakesTheNodeOutOfTheClusterAndAllowingItBringsItBack() throws Exception {
        faults.dropCorosync("pve2");

        assertThat(twin.run("pve2", "iptables -S").stdout())
                .contains("-A INPUT -p udp -m udp --dport 5405:5412 -j DROP")
                .contains("-A OUTPUT -p udp -m udp --dport 5405:5412 -j DROP");
        assertThat(eventually(() -> !online("pve2"))).as("pve2 leaves the membership").isTrue();

        faults.allowCorosync("pve2");
        // undoing twice, as a heal after a crash may, is harmless
        faults.allowCorosync("pve2");

        assertThat(twin.run("pve2", "iptables -S").stdout()).doesNotContain("5405:5412");
        assertThat(eventually(() -> online("pve2") && cluster.status().quorate())).isTrue();
    }

    @Test
    void stoppedHaServicesStartAgain() {
        faults.stopHaServices("pve1");
        assertThat(twin.run("pve1", "systemctl is-active pve-ha-lrm pve-ha-crm").stdout())
                .isEqualTo("inactive\ninactive\n");

        faults.startHaServices("pve1");
        faults.startHaServices("pve1");

        assertThat(twin.run("pve1", "systemctl is-active pve-ha-lrm pve-ha-crm").stdout())
                .isEqualTo("active\nactive\n");
    }

    @Test
    void aLinkSetDownComesBackUp() {
        String device = cluster.links("pve2").stream().filter(l -> l.name().startsWith("vmbr")).findFirst()
                .orElseThrow().name();

        faults.linkDown("pve2", device);
        assertThat(cluster.links("pve2")).filteredOn(l -> l.name().equals(device))
                .singleElement().satisfies(l -> assertThat(l.up()).isFalse());
        faults.linkUp("pve2", device);

        assertThat(cluster.links("pve2")).filteredOn(l -> l.name().equals(device))
                .singleElement().satisfies(l -> assertThat(l.up()).isTrue());
    }

    @Test
    void valuesThatCannotBeNamesAreRefusedBeforeAnyCommandRuns() {
        assertThatThrownBy(() -> faults.linkDown("pve1", "eth0; reboot")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a network interface name");
        assertThatThrownBy(() -> faults.nodeMaintenance("pve1 && reboot", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a node name");
        assertThatThrownBy(() -> faults.dropCorosync("pve9")).isInstanceOf(ProxmoxException.class)
                .hasMessageContaining("not in the inventory");
    }
}
