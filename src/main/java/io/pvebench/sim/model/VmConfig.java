package io.pvebench.sim.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * A VM's configuration file ({@code /etc/pve/qemu-server/<vmid>.conf}) as key/value text,
 * plus the pending changes a running VM gets for options that cannot be hot-plugged
 * ({@code cores}, {@code memory}: the default {@code hotplug} is
 * {@code network,disk,usb}). Keys and value shapes follow qemu-server 9.2.6
 * {@code src/PVE/QemuServer.pm} ({@code $confdesc}) and a VM made in the web UI:
 * {@code net0: virtio=<MAC>,bridge=vmbr0,firewall=1},
 * {@code scsi0: local-lvm:vm-<vmid>-disk-0,iothread=1,size=32G},
 * {@code memory} in MiB. Immutable.
 */
public record VmConfig(int vmid, Map<String, String> values, Map<String, String> pending) {

    public VmConfig {
        values = Collections.unmodifiableMap(new TreeMap<>(values));
        pending = Collections.unmodifiableMap(new TreeMap<>(pending));
    }

    /** One disk of the VM: its config key ({@code scsi0}), storage, volume name and size in bytes. */
    public record Disk(String key, String storage, String volname, long sizeBytes) {

        public String volid() {
            return storage + ":" + volname;
        }

        /** The logical volume (or image) name: a linked clone's {@code base-100-disk-0/vm-102-disk-0} is {@code vm-102-disk-0}. */
        public String imageName() {
            return volname.substring(volname.indexOf('/') + 1);
        }

        /** The image's name once {@code qm template} has renamed it: {@code vm-} becomes {@code base-}. */
        public String baseImageName() {
            return imageName().replaceFirst("^vm-", "base-");
        }

        /** The volume name once {@code qm template} has renamed the image. */
        public String baseVolname() {
            return volname.substring(0, volname.length() - imageName().length()) + baseImageName();
        }
    }

    /**
     * The configuration of a VM made in the web UI with the given size, one SCSI disk on
     * {@code storage}, its NIC's {@code mac}, seeded uuids and creation meta data.
     */
    public static VmConfig created(int vmid, String name, int cores, long memoryBytes, long diskBytes, String storage,
                                   String mac, String qemuVersion, long ctime, Random r) {
        Map<String, String> v = new TreeMap<>();
        v.put("agent", "1");
        v.put("boot", "order=scsi0;net0");
        v.put("cores", Integer.toString(cores));
        v.put("cpu", "x86-64-v2-AES");
        v.put("memory", Long.toString(memoryBytes >> 20));
        v.put("meta", "creation-qemu=" + qemuVersion + ",ctime=" + ctime);
        v.put("name", name);
        v.put("net0", "virtio=" + mac + ",bridge=vmbr0,firewall=1");
        v.put("numa", "0");
        v.put("ostype", "l26");
        v.put("scsi0", storage + ":vm-" + vmid + "-disk-0,iothread=1,size=" + size(diskBytes));
        v.put("scsihw", "virtio-scsi-single");
        v.put("smbios1", "uuid=" + uuid(r));
        v.put("sockets", "1");
        v.put("vmgenid", uuid(r));
        return new VmConfig(vmid, v, Map.of());
    }

    /** A random (version 4) UUID from {@code r}, lower case. */
    public static String uuid(Random r) {
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(hi, lo).toString();
    }

    /** pve-common {@code format_size}: the largest unit (T, G, M, K) that divides the size. */
    public static String size(long bytes) {
        String[] units = {"T", "G", "M", "K"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (40 - 10 * i);
            if (bytes % unit == 0) {
                return (bytes / unit) + units[i];
            }
        }
        return Long.toString(bytes);
    }

    static long parseSize(String text) {
        char u = text.charAt(text.length() - 1);
        int shift = switch (u) {
            case 'T' -> 40;
            case 'G' -> 30;
            case 'M' -> 20;
            case 'K' -> 10;
            default -> 0;
        };
        String digits = shift == 0 ? text : text.substring(0, text.length() - 1);
        return (long) (Double.parseDouble(digits) * (1L << shift));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public VmConfig with(String key, String value) {
        Map<String, String> v = new TreeMap<>(values);
        v.put(key, value);
        return new VmConfig(vmid, v, pending);
    }

    public VmConfig without(String key) {
        Map<String, String> v = new TreeMap<>(values);
        v.remove(key);
        return new VmConfig(vmid, v, pending);
    }

    public VmConfig withPending(String key, String value) {
        Map<String, String> p = new TreeMap<>(pending);
        p.put(key, value);
        return new VmConfig(vmid, values, p);
    }

    /** The config a VM starts with: pending changes applied ({@code vmconfig_apply_pending}). */
    public VmConfig applyPending() {
        Map<String, String> v = new TreeMap<>(values);
        v.putAll(pending);
        return new VmConfig(vmid, v, Map.of());
    }

    /** Copies the configuration under a new vmid (for clones). */
    public VmConfig withVmid(int newVmid) {
        return new VmConfig(newVmid, values, Map.of());
    }

    public String name() {
        return values.getOrDefault("name", "VM " + vmid);
    }

    public int cores() {
        return Integer.parseInt(values.getOrDefault("cores", "1")) * Integer.parseInt(values.getOrDefault("sockets",
                "1"));
    }

    public long memoryBytes() {
        String m = values.getOrDefault("memory", "2048");
        String current = m.startsWith("current=") ? m.substring(8).split(",")[0] : m;
        return Long.parseLong(current) << 20;
    }

    /**
     * The config once {@code qm template} has made the VM a template ({@code template_create}):
     * {@code template: 1}, every disk renamed to its base volume.
     */
    public VmConfig asTemplate() {
        VmConfig conf = with("template", "1");
        for (Disk disk : disks()) {
            conf = conf.with(disk.key(), values.get(disk.key()).replace(disk.volid(),
                    disk.storage() + ":" + disk.baseVolname()));
        }
        return conf;
    }

    public boolean template() {
        return "1".equals(values.get("template"));
    }

    public Optional<String> lock() {
        return get("lock");
    }

    public Optional<String> tags() {
        return get("tags");
    }

    /** The VM's disks (not CD-ROMs), sorted by key. */
    private static final java.util.regex.Pattern DISK_KEY =
            java.util.regex.Pattern.compile("(scsi|virtio|sata|ide|efidisk|tpmstate)\\d+");

    public List<Disk> disks() {
        List<Disk> disks = new ArrayList<>();
        for (var e : values.entrySet()) {
            if (!DISK_KEY.matcher(e.getKey()).matches()) {
                continue;
            }
            String[] parts = e.getValue().split(",");
            if (!parts[0].contains(":") || e.getValue().contains("media=cdrom")) {
                continue;
            }
            long size = 0;
            for (String p : parts) {
                if (p.startsWith("size=")) {
                    size = parseSize(p.substring(5));
                }
            }
            int colon = parts[0].indexOf(':');
            disks.add(new Disk(e.getKey(), parts[0].substring(0, colon), parts[0].substring(colon + 1), size));
        }
        return disks;
    }

    /** Size of the boot disk ({@code bootdisk_size}: the first disk of {@code boot: order=}), 0 if none. */
    public long bootDiskBytes() {
        String boot = values.getOrDefault("boot", "");
        List<Disk> disks = disks();
        if (boot.startsWith("order=")) {
            for (String dev : boot.substring(6).split(";")) {
                for (Disk d : disks) {
                    if (d.key().equals(dev)) {
                        return d.sizeBytes();
                    }
                }
            }
        }
        return 0;
    }

    /** The MAC of {@code net0}, or null. */
    public String mac() {
        String net = values.get("net0");
        if (net == null) {
            return null;
        }
        for (String p : net.split(",")) {
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(eq + 1).matches("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}")) {
                return p.substring(eq + 1);
            }
        }
        return null;
    }

    /**
     * The file as qemu-server writes it ({@code write_vm_config}): sorted {@code key:
     * value} lines, then a {@code [PENDING]} section if any.
     */
    public String fileText() {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
        if (!pending.isEmpty()) {
            out.append("\n[PENDING]\n");
            pending.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
        }
        return out.toString();
    }

    /** SHA-1 of the file, as the API's {@code digest}. */
    public String digest() {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-1")
                    .digest(fileText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : hash) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
