package io.pvebench.proxmox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's Proxmox VE release, read from {@code pveversion}
 * ({@code pve-manager/9.2.11/0123456789abcdef (running kernel: 7.0.2-1-pve)}; format
 * from pve-manager {@code bin/pveversion}, see reference/README.md).
 *
 * @param manager the pve-manager version ({@code 9.2.11})
 * @param major   9 for {@code 9.2.11}
 * @param minor   2 for {@code 9.2.11}
 * @param kernel  the running kernel ({@code 7.0.2-1-pve})
 */
public record PveVersion(String manager, int major, int minor, String kernel) {

    private static final Pattern LINE = Pattern.compile(
            "pve-manager/((\\d+)\\.(\\d+)[^/\\s]*)/\\S+ \\(running kernel: ([^)]+)\\)");

    public static PveVersion parse(String pveversionOutput) {
        Matcher m = LINE.matcher(pveversionOutput);
        if (!m.find()) {
            throw new ProxmoxException("pveversion: no 'pve-manager/<version>/<hash> (running kernel: ...)' line in: "
                    + pveversionOutput.strip());
        }
        return new PveVersion(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4));
    }

    /** {@code 9.2}: the release a version profile is chosen by. */
    public String release() {
        return major + "." + minor;
    }

    public boolean atLeast(int wantMajor, int wantMinor) {
        return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }
}
