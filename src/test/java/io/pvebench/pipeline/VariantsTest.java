package io.pvebench.pipeline;

import static io.pvebench.pipeline.Fixtures.broken;
import static io.pvebench.pipeline.Fixtures.pipelineProblems;
import static io.pvebench.pipeline.Fixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class VariantsTest {

    @Test
    void aPipelineListsItsVariantsWithTypedSettingsInFileOrder() {
        Pipeline p = PipelineLoader.load(valid("variants.yaml"), Fixtures.HOME);

        assertThat(p.variants()).containsExactly(
                new Variant("mtu1500", 1500, null),
                new Variant("jumbo", 9000, null),
                new Variant("bond-lacp", null, BondMode.IEEE_802_3AD),
                new Variant("as-found", null, null));
        assertThat(p.variants().get(3).changesNothing()).isTrue();
        assertThat(p.variants().get(2).settings()).isEqualTo("bondMode 802.3ad");
        assertThat(p.cluster()).isEqualTo(new TwinCluster(2, "9.2", 20, false, 2, BondMode.ACTIVE_BACKUP));
    }

    @Test
    void withoutVariantsThePipelineHasNone() {
        assertThat(PipelineLoader.load(valid("minimal.yaml"), Fixtures.HOME).variants()).isEmpty();
    }

    @Test
    void badVariantsAreReportedWithTheirPositionAndAHint() {
        Path file = broken("variants.yaml");

        assertThat(pipelineProblems(file)).containsExactly(
                file + ":6:10: 'variants[0].mtu' must be between 576 and 9216 bytes, got 90000\n"
                        + "  hint: 1500 is Ethernet's default and 9000 the usual jumbo frame; every switch port and"
                        + " NIC on the path must accept frames that large",
                file + ":7:11: duplicate variant name 'jumbo'\n  hint: already used at line 5",
                file + ":10:15: 'variants[2].bondMode' must be one of balance-rr, active-backup, balance-xor,"
                        + " broadcast, 802.3ad, balance-tlb, balance-alb, got 'lacp'\n"
                        + "  hint: LACP is the mode the kernel calls 802.3ad",
                file + ":11:11: 'variants[3].name' must match [a-z0-9][a-z0-9-]*, got 'Big'\n"
                        + "  hint: use lowercase letters, digits and '-', starting with a letter or digit",
                file + ":12:5: unknown key 'mut' in variants[3]\n  hint: did you mean 'mtu'?",
                file + ":14:10: 'variants[4].mtu' must be an integer, got 'big'");
    }

    @Test
    void aRealClusterMustAllowDestructiveChangesBeforeAVariantChangesItsNetwork() {
        Path file = broken("variants-not-allowed.yaml");

        assertThat(pipelineProblems(file)).containsExactly(
                file + ":8:5: variant 'jumbo' changes the cluster's network, which cluster file '"
                        + broken("clusters/no-opt-in.yaml") + "' does not allow\n"
                        + "  hint: set 'allowDestructive: true' in the cluster file once the switch ports accept the"
                        + " setting; each change is undone after the run (see README, 'Configuration variants')",
                file + ":10:5: variant 'rr' changes the cluster's network, which cluster file '"
                        + broken("clusters/no-opt-in.yaml") + "' does not allow\n"
                        + "  hint: set 'allowDestructive: true' in the cluster file once the switch ports accept the"
                        + " setting; each change is undone after the run (see README, 'Configuration variants')");
    }

    @Test
    void aClusterFileThatAllowsDestructiveChangesTakesVariants() {
        Pipeline p = PipelineLoader.load(valid("variants-on-lab.yaml"), Fixtures.HOME);

        assertThat(p.variants()).containsExactly(new Variant("jumbo", 9000, null));
    }

    @Test
    void aTwinBondModeNeedsABond() {
        Path file = broken("twin-bond.yaml");

        assertThat(pipelineProblems(file)).containsExactly(
                file + ":3:3: 'twin.bondMode' needs a bond: 'twin.bondLinks' of 2 or more\n"
                        + "  hint: e.g. twin: {bondLinks: 2, bondMode: balance-rr}");
    }

    @Test
    void aVariantOutsideTheMtuRangeCannotBeBuilt() {
        assertThatThrownBy(() -> new Variant("tiny", 500, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Variant("Bad Name", null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
