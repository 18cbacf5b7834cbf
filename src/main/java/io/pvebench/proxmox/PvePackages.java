package io.pvebench.proxmox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code pveversion -v} (pve-manager {@code bin/pveversion}): one {@code package: version} line
 * per package, {@code proxmox-ve} with {@code (running kernel: ...)} and {@code pve-manager} with
 * {@code (running version: ...)} after the version, a package that is not installed properly as
 * {@code package: not correctly installed}, one removed but for its configuration as
 * {@code package: residual config} ({@code print_status} in pve-manager's {@code bin/pveversion}). A Debian version starts with a digit, which tells a
 * package line from an error such as {@code bash: pveversion: command not found}. Real output: {@code outputs/proxmox/pveversion/v-9.0.5-first-lines.txt},
 * which lists {@code proxmox-kernel-helper} twice (the second is kept; both say the same). Stateless.
 */
public final class PvePackages {

    private static final Pattern LINE = Pattern.compile(
            "([a-z0-9][a-z0-9+.-]*): (\\d\\S*|not correctly installed|residual config)(?: \\(running [^)]*\\))?");

    private PvePackages() {
    }

    /**
     * Package name to version, in the order listed.
     *
     * @throws ProxmoxException when no line has the {@code package: version} shape
     */
    public static Map<String, String> parse(String output) {
        Map<String, String> packages = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                packages.put(m.group(1), m.group(2));
            }
        }
        if (packages.isEmpty()) {
            throw new ProxmoxException("pveversion -v: no 'package: version' line in: " + abbreviate(output));
        }
        return Collections.unmodifiableMap(packages);
    }

    private static String abbreviate(String text) {
        String s = text.strip();
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
