package io.pvebench.proxmox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's Proxmox VE release, read from {@code pveversion}
 * ({@code pve-manager/9.2.11/0123456789abcdef (running kernel: 7.0.2-1-pve)}; format
 * from pve-manager {@code bin/pveversion}, see reference/README.md) or from
 * {@code pveversion -v}, which has no such line but {@code proxmox-ve: 9.0.0 (running kernel: ...)}
 * and {@code pve-manager: 9.0.5 (running version: 9.0.5/<hash>)}. Releases up to 7.x spell the
 * manager version with a dash ({@code 7.2-5}) and an 8-hex hash. Real lines from 7.2 to 9.1 are
 * under {@code src/test/resources/outputs/proxmox/pveversion/}.
 *
 * @param manager the pve-manager version ({@code 9.2.11})
 * @param major   9 for {@code 9.2.11}
 * @param minor   2 for {@code 9.2.11}
 * @param kernel  the running kernel ({@code 7.0.2-1-pve})
 */
public record PveVersion(String manager, int major, int minor, String kernel) {

    private static final Pattern LINE = Pattern.compile(
            "pve-manager/((\\d+)\\.(\\d+)[^/\\s]*)/\\S+ \\(running kernel: ([^)]+)\\)");

    /** {@code pveversion -v}: the running manager version, not the installed one, and the running kernel. */
    private static final Pattern VERBOSE_MANAGER = Pattern.compile(
            "(?m)^pve-manager: \\S+ \\(running version: ((\\d+)\\.(\\d+)[^/\\s]*)/\\S+\\)");
    private static final Pattern VERBOSE_KERNEL = Pattern.compile(
            "(?m)^proxmox-ve: \\S+ \\(running kernel: ([^)]+)\\)");

    /** Reads the output of {@code pveversion} or {@code pveversion -v}; anything else is a {@link ProxmoxException}. */
    public static PveVersion parse(String pveversionOutput) {
        Matcher m = LINE.matcher(pveversionOutput);
        if (m.find()) {
            return new PveVersion(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4));
        }
        Matcher manager = VERBOSE_MANAGER.matcher(pveversionOutput);
        Matcher kernel = VERBOSE_KERNEL.matcher(pveversionOutput);
        if (manager.find() && kernel.find()) {
            return new PveVersion(manager.group(1), Integer.parseInt(manager.group(2)),
                    Integer.parseInt(manager.group(3)), kernel.group(1));
        }
        throw new ProxmoxException("pveversion: no 'pve-manager/<version>/<hash> (running kernel: ...)' line"
                + " (nor 'pve-manager: ... (running version: ...)' with 'proxmox-ve: ... (running kernel: ...)') in: "
                + pveversionOutput.strip());
    }

    /** {@code 9.2}: the release a version profile is chosen by. */
    public String release() {
        return major + "." + minor;
    }

    public boolean atLeast(int wantMajor, int wantMinor) {
        return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }
}
