package io.pvebench.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What to do with a node's SSH host key; written {@code strict} or {@code accept-new} in files. */
public enum HostKeyMode {
    /** The key must already be in known_hosts. */
    STRICT("strict"),
    /** An unknown host's key is added to known_hosts; a changed key is still refused. */
    ACCEPT_NEW("accept-new");

    private final String written;

    HostKeyMode(String written) {
        this.written = written;
    }

    /** How the mode is written in a cluster file. */
    public String written() {
        return written;
    }

    public static Optional<HostKeyMode> byWritten(String text) {
        return Arrays.stream(values()).filter(m -> m.written.equals(text)).findFirst();
    }

    static List<String> allWritten() {
        return Arrays.stream(values()).map(HostKeyMode::written).toList();
    }
}
