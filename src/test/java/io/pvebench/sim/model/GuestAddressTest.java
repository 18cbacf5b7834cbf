package io.pvebench.sim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuestAddressTest {

    @Test
    void aThousandGuestsGetValidDistinctAddresses() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String address = ClusterModel.guestAddress(i);
            int host = Integer.parseInt(address.substring(address.lastIndexOf('.') + 1));
            assertThat(host).as(address).isBetween(1, 254);
            assertThat(seen.add(address)).as(address).isTrue();
        }
        assertThat(ClusterModel.guestAddress(0)).isEqualTo("10.10.10.101");
        assertThat(ClusterModel.guestAddress(153)).isEqualTo("10.10.10.254");
        assertThat(ClusterModel.guestAddress(154)).isEqualTo("10.10.11.1");
        assertThat(ClusterModel.guestAddress(999)).isEqualTo("10.10.14.84");
    }
}
