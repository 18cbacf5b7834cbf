package io.pvebench.ssh;

import com.jcraft.jsch.JSch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Map;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/** Key material for the fast tests; generate once per class, RSA takes a while. */
final class TestKeys {

    /** A user key pair: the OpenSSH private key file, and the public key for the server. */
    record UserKey(Path privateKey, PublicKey publicKey) {
    }

    private TestKeys() {
    }

    /** A user key written in OpenSSH format, as {@code ssh-keygen} does; {@code passphrase} may be null. */
    static UserKey userKey(Path dir, String name, int jschType, int bits, String passphrase) throws Exception {
        com.jcraft.jsch.KeyPair pair = com.jcraft.jsch.KeyPair.genKeyPair(new JSch(), jschType, bits);
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            pair.writeOpenSSHv1PrivateKey(out, passphrase == null ? null : passphrase.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream publicLine = new ByteArrayOutputStream();
        pair.writePublicKey(publicLine, name);
        Files.write(dir.resolve(name + ".pub"), publicLine.toByteArray());
        PublicKey publicKey = AuthorizedKeyEntry.parseAuthorizedKeyEntry(publicLine.toString(StandardCharsets.UTF_8).trim())
                .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
        return new UserKey(file, publicKey);
    }

    static KeyPair hostKey(String type, int bits) {
        try {
            return KeyUtils.generateKeyPair(type, bits);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + type + " host key", e);
        }
    }

    static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
