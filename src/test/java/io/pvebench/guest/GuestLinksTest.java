package io.pvebench.guest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.measure.IpLinkJson;
import io.pvebench.testsupport.TwinShell;
import org.junit.jupiter.api.Test;

class GuestLinksTest {

    @Test
    void theNicCarryingTheGuestsAddressTakesANewMtuAndShowsIt() {
        try (TwinShell twin = new TwinShell("9.2", 3, 20)) {
            GuestVm vm = new GuestVm(101, "pve1");
            GuestNic nic = twin.guests().nic(vm);
            assertThat(nic.name()).isEqualTo("eth0");
            assertThat(nic.address()).isEqualTo(twin.address(101));
            assertThat(nic.mac()).matches("BC:24:11(:[0-9A-F]{2}){3}");
            GuestLinks links = new GuestLinks(twin.guests());

            assertThat(links.setMtu(vm, nic.name(), 9000).succeeded()).isTrue();

            GuestResult shown = links.show(vm, nic.name());
            assertThat(IpLinkJson.parse(shown.stdout()).get(0).mtu()).isEqualTo(9000);
            assertThat(twin.twin().model().guestMtu(101)).isEqualTo(9000);
        }
    }
}
