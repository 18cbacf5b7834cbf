package io.pvebench.proxmox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads a published real Proxmox output from {@code src/test/resources/outputs/proxmox/} (see SOURCES.md there). */
final class ProxmoxOutput {

    private ProxmoxOutput() {
    }

    static String read(String relative) {
        try (InputStream in = ProxmoxOutput.class.getResourceAsStream("/outputs/proxmox/" + relative)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample outputs/proxmox/" + relative);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
