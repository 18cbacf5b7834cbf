package io.pvebench.sim;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Public-key login, and no password login when the spec gives no password. */
class SimAuthTest {

    private static byte[] privateKey;
    private static byte[] publicKeyLine;
    private static PublicKey publicKey;

    @BeforeAll
    static void generateClientKey() throws Exception {
        KeyPair pair = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
        ByteArrayOutputStream priv = new ByteArrayOutputStream();
        pair.writePrivateKey(priv);
        privateKey = priv.toByteArray();
        ByteArrayOutputStream pub = new ByteArrayOutputStream();
        pair.writePublicKey(pub, "test");
        publicKeyLine = pub.toByteArray();
        String line = "ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(pair.getPublicKeyBlob());
        publicKey = PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, null);
    }

    private static Session session(SimCluster cluster, boolean withKey, String password) throws JSchException {
        SimNodeEndpoint endpoint = cluster.node("pve1");
        JSch jsch = new JSch();
        jsch.setKnownHosts(new ByteArrayInputStream(cluster.knownHosts().getBytes(StandardCharsets.UTF_8)));
        if (withKey) {
            jsch.addIdentity("test", privateKey, publicKeyLine, null);
        }
        Session session = jsch.getSession("root", endpoint.host(), endpoint.port());
        if (password != null) {
            session.setPassword(password);
        }
        session.setConfig("StrictHostKeyChecking", "yes");
        session.connect(10_000);
        return session;
    }

    @Test
    void authorizedKeyLogsInAndPasswordIsRefusedWhenNoneIsSet() throws Exception {
        SimSpec base = SimSpec.defaults(1, 1);
        SimSpec keyOnly = new SimSpec(base.clusterName(), base.pveVersion(), 1, 1, 1.0, base.vms(), "root", null,
                List.of(publicKey));
        try (SimCluster cluster = SimCluster.start(keyOnly)) {
            Session session = session(cluster, true, null);
            ChannelExec exec = (ChannelExec) session.openChannel("exec");
            exec.setCommand("hostname");
            var in = exec.getInputStream();
            exec.connect();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("pve1\n");
            session.disconnect();
            assertThatThrownBy(() -> session(cluster, false, "sim")).isInstanceOf(JSchException.class)
                    .hasMessageContaining("Auth fail");
        }
    }
}
