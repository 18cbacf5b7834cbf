package io.pvebench.proxmox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One network interface of a VM, {@code netN} of its configuration (qemu-server
 * {@code PVE/QemuServer.pm}, {@code $netdesc}): {@code virtio=<MAC>,bridge=vmbr0,firewall=1}
 * with optional {@code mtu=N} (the MTU the host gives the guest's NIC; 1 means the bridge's),
 * {@code tag=}, {@code rate=}, ...
 *
 * @param index    N of {@code netN}
 * @param mac      its MAC address (the value of its model key, {@code virtio=BC:24:11:...}), upper case, or null
 * @param bridge   the bridge it is plugged into, or null (no {@code bridge=}: user-mode networking)
 * @param firewall whether qemu-server puts it behind a firewall bridge ({@code fwbr<vmid>i<N>})
 * @param mtu      its {@code mtu=} option, or null
 */
public record VmNic(int vmid, int index, String mac, String bridge, boolean firewall, Integer mtu) {

    private static final Pattern NET = Pattern.compile("^net([0-9]+): (.*)$", Pattern.MULTILINE);
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

    public VmNic {
        if (index < 0) {
            throw new IllegalArgumentException("net index must not be negative: " + index);
        }
    }

    /** The NICs in {@code qm config VMID}'s output ({@code key: value} lines), in index order. */
    public static List<VmNic> parse(int vmid, String qmConfig) {
        Objects.requireNonNull(qmConfig, "qmConfig");
        List<VmNic> nics = new ArrayList<>();
        Matcher m = NET.matcher(qmConfig);
        while (m.find()) {
            Map<String, String> options = new TreeMap<>();
            String mac = null;
            for (String part : m.group(2).strip().split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    options.put(part.substring(0, eq), part.substring(eq + 1));
                    if (mac == null && MAC.matcher(part.substring(eq + 1)).matches()) {
                        mac = part.substring(eq + 1).toUpperCase(java.util.Locale.ROOT);
                    }
                }
            }
            String mtu = options.get("mtu");
            nics.add(new VmNic(vmid, Integer.parseInt(m.group(1)), mac, options.get("bridge"),
                    "1".equals(options.get("firewall")), mtu != null && mtu.matches("[0-9]+") ? Integer.valueOf(mtu)
                    : null));
        }
        nics.sort(java.util.Comparator.comparingInt(VmNic::index));
        return nics;
    }

    /**
     * The host-side devices qemu-server makes for this NIC on the VM's node: {@code
     * tap<vmid>i<N>}, and behind a firewall {@code fwbr<vmid>i<N>}, {@code fwln<vmid>i<N>} and
     * its veth peer {@code fwpr<vmid>p<N>} on the bridge (pve-common {@code PVE/Network.pm}).
     */
    public List<String> hostDevices() {
        String tap = "tap" + vmid + "i" + index;
        if (!firewall) {
            return List.of(tap);
        }
        return List.of("fwpr" + vmid + "p" + index, "fwln" + vmid + "i" + index, "fwbr" + vmid + "i" + index, tap);
    }
}
