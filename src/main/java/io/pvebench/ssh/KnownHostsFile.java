package io.pvebench.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenSSH known_hosts file as JSch's host-key repository, applying a {@link HostKeyPolicy}.
 *
 * <p>The file is read again for every check (once per new session), so keys added by
 * {@code ssh-keyscan} while pvebench runs count. It is only ever appended to, never
 * rewritten: comments, hashed entries and markers of the user stay as they are. JSch
 * parses the entries (hashed names, {@code [host]:port} for ports other than 22) and,
 * unlike OpenSSH, lets an entry for the bare host vouch for its other ports too: the
 * same key matches, a different one counts as changed. New entries are always written
 * as {@code [host]:port} for ports other than 22, as OpenSSH writes them.
 * Thread-safe: checks are serialised so two sessions cannot append the same host twice.
 */
final class KnownHostsFile implements HostKeyRepository {

    private static final Logger LOG = LoggerFactory.getLogger(KnownHostsFile.class);

    private final Path file;
    private final HostKeyPolicy policy;
    private final JSch jsch;

    KnownHostsFile(Path file, HostKeyPolicy policy, JSch jsch) {
        this.file = file.toAbsolutePath();
        this.policy = policy;
        this.jsch = jsch;
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized int check(String host, byte[] key) {
        int result = load().check(host, key);
        if (result == NOT_INCLUDED && policy == HostKeyPolicy.ACCEPT_NEW) {
            HostKey hostKey = hostKey(host, key);
            append(hostKey);
            LOG.info("Trusted new {} host key {} of {} on first use and added it to {}",
                    hostKey.getType(), hostKey.getFingerPrint(jsch), host, file);
            return OK;
        }
        return result;
    }

    /** JSch asks for this only under StrictHostKeyChecking "no" or "ask", which pvebench never sets. */
    @Override
    public synchronized void add(HostKey hostKey, UserInfo ui) {
        append(hostKey);
    }

    @Override
    public void remove(String host, String type) {
        throw new UnsupportedOperationException("pvebench never removes host keys; edit " + file);
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        throw new UnsupportedOperationException("pvebench never removes host keys; edit " + file);
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return file.toString();
    }

    @Override
    public synchronized HostKey[] getHostKey() {
        return load().getHostKey();
    }

    @Override
    public synchronized HostKey[] getHostKey(String host, String type) {
        return load().getHostKey(host, type);
    }

    private HostKeyRepository load() {
        // a throwaway JSch parses the file; a missing file is an empty repository
        JSch parser = new JSch();
        try {
            parser.setKnownHosts(file.toString());
        } catch (JSchException e) {
            throw new SshException("cannot read known_hosts file " + file + ": " + e.getMessage(), e);
        }
        return parser.getHostKeyRepository();
    }

    private static HostKey hostKey(String host, byte[] key) {
        try {
            return new HostKey(host, key);
        } catch (JSchException e) {
            throw new SshException("host " + host + " sent a key of an unsupported type: " + e.getMessage(), e);
        }
    }

    private void append(HostKey hostKey) {
        String line = hostKey.getHost() + " " + hostKey.getType() + " " + hostKey.getKey() + "\n";
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (Files.exists(file) && Files.size(file) > 0 && !endsWithNewline()) {
                line = "\n" + line;
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new SshException("cannot add host key of " + hostKey.getHost() + " to " + file + ": " + e, e);
        }
    }

    private boolean endsWithNewline() throws IOException {
        byte[] content = Files.readAllBytes(file);
        return content[content.length - 1] == '\n';
    }
}
