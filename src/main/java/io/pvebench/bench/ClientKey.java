package io.pvebench.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * A throwaway ed25519 login key made by {@code ssh-keygen} (no passphrase), usable by
 * OpenSSH and JSch alike, and its public half for the twin's authorized keys.
 *
 * @param privateKey the private key file (OpenSSH format, mode 0600 as ssh-keygen writes it)
 */
record ClientKey(Path privateKey, PublicKey publicKey) {

    static ClientKey generate(Path dir) {
        Path file = dir.resolve("id_ed25519");
        try {
            Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "pvebench-bench",
                    "-f", file.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new BenchmarkException("ssh-keygen failed: " + output.strip());
            }
            String line = Files.readString(dir.resolve("id_ed25519.pub"), StandardCharsets.UTF_8).strip();
            PublicKey key = PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, null);
            return new ClientKey(file, key);
        } catch (IOException | GeneralSecurityException e) {
            throw new BenchmarkException("cannot generate a client key with ssh-keygen: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted while generating a client key", e);
        }
    }
}
