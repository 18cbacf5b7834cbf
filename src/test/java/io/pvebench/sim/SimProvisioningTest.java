package io.pvebench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a test pipeline needs to make its own VMs on the twin: a template in the spec,
 * {@code /cluster/nextid}, full clones, tags checked like pve-common's {@code pve-tag},
 * offline {@code qm migrate}, a guest agent that answers only once the clone has booted,
 * and {@code qm destroy --purge}. Formats from qemu-server 9.2.6, pve-manager 9.2.11,
 * pve-common and pve-guest-common.
 */
class SimProvisioningTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private SimCluster cluster;
    private SshClient ssh;

    @BeforeEach
    void startTwin() {
        cluster = SimCluster.start(new SimSpec("sim", "9.2", 2, 7, 400, List.of(
                new SimVmSpec(101, "srv", "pve1", 4, 4L << 30),
                new SimVmSpec(9000, "debian-13", "pve1", 2, 2L << 30).withDisk(8L << 30, "local-lvm").asTemplate()),
                "root", "sim", List.of()));
        ssh = new SshClient(cluster);
    }

    @AfterEach
    void stopTwin() {
        cluster.close();
    }

    private JsonNode pvesh(String node, String path) throws Exception {
        SshClient.Result r = ssh.run(node, "pvesh get " + path + " --output-format json");
        assertThat(r.exitStatus()).as(r.stderr()).isZero();
        return JSON.readTree(r.stdout());
    }

    private JsonNode resource(String id) throws Exception {
        for (JsonNode e : pvesh("pve1", "/cluster/resources --type vm")) {
            if (e.get("id").asText().equals(id)) {
                return e;
            }
        }
        return null;
    }

    @Test
    void aTemplateOfTheSpecIsAStoppedTemplateWithABaseVolume() throws Exception {
        JsonNode template = resource("qemu/9000");
        assertThat(template.get("template").asInt()).isEqualTo(1);
        assertThat(template.get("status").asText()).isEqualTo("stopped");
        assertThat(ssh.run("pve1", "qm config 9000").stdout()).contains("template: 1\n")
                .contains("scsi0: local-lvm:base-9000-disk-0,iothread=1,size=8G\n");
        assertThat(ssh.run("pve1", "qm start 9000").stderr()).isEqualTo("you can't start a vm if it's a template\n");
    }

    @Test
    void nextIdIsTheLowestFreeVmidAndAGivenIdMustBeFree() throws Exception {
        assertThat(ssh.run("pve2", "pvesh get /cluster/nextid --output-format json").stdout()).isEqualTo("100\n");
        assertThat(ssh.run("pve2", "pvesh get /cluster/nextid").stdout()).isEqualTo("100\n");
        assertThat(ssh.run("pve1", "qm clone 9000 100 --full").exitStatus()).isZero();
        assertThat(ssh.run("pve2", "pvesh get /cluster/nextid --output-format json").stdout()).isEqualTo("102\n");
        assertThat(ssh.run("pve1", "pvesh get /cluster/nextid --vmid 101"))
                .isEqualTo(new SshClient.Result("", "400 Parameter verification failed.\nvmid: VM 101 already exists\n",
                        255));
    }

    @Test
    void aFullCloneOfALocalTemplateStaysOnItsNodeAndMovesOnlyByOfflineMigration() throws Exception {
        assertThat(ssh.run("pve1", "qm clone 9000 120 --name pvebench-small-2 --full --target pve2"))
                .isEqualTo(new SshClient.Result("", "can't clone VM to node 'pve2' (VM uses local storage)\n", 255));

        SshClient.Result clone = ssh.run("pve1", "qm clone 9000 120 --name pvebench-small-2 --full");
        assertThat(clone.exitStatus()).as(clone.stderr()).isZero();
        assertThat(clone.stdout()).startsWith("creating a clone of VM 9000 with ID 120\n"
                + "create full clone of drive scsi0 (local-lvm:base-9000-disk-0)\n");
        assertThat(resource("qemu/120").get("template").asInt()).isZero();

        SshClient.Result migrate = ssh.run("pve1", "qm migrate 120 pve2");
        assertThat(migrate.exitStatus()).as(migrate.stderr()).isZero();
        List<String> lines = List.of(migrate.stdout().split("\n"));
        String stamp = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ";
        assertThat(lines.get(0)).matches(stamp + "starting migration of VM 120 to node 'pve2' \\(10\\.0\\.99\\.12\\)");
        assertThat(lines.get(1)).matches(stamp + "found local disk 'local-lvm:vm-120-disk-0' \\(attached\\)");
        assertThat(lines.get(2)).matches(stamp + "copying local disk images");
        assertThat(lines.get(3)).matches(stamp + "  Logical volume \"vm-120-disk-0\" created\\.");
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(stamp + "131072\\+0 records in"));
        assertThat(lines).anySatisfy(l -> assertThat(l)
                .matches(stamp + "8589934592 bytes \\(8\\.6 GB, 8\\.0 GiB\\) copied, [0-9.]+ s, \\d+ MB/s"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches(stamp
                + "successfully imported 'local-lvm:vm-120-disk-0'"));
        assertThat(lines.get(lines.size() - 2)).isEqualTo("  Logical volume \"vm-120-disk-0\" successfully removed.");
        // the duration is model time as it passed, so on a busy machine it can exceed the copy's own time,
        // never fall short of it
        String last = lines.get(lines.size() - 1);
        assertThat(last).matches(stamp + "migration finished successfully \\(duration \\d\\d:\\d\\d:\\d\\d\\)");
        String hms = last.replaceAll(".*\\(duration (\\d\\d:\\d\\d:\\d\\d)\\)$", "$1");
        long duration = java.time.Duration.between(java.time.LocalTime.MIN, java.time.LocalTime.parse(hms)).toSeconds();
        double copied = lines.stream().filter(l -> l.contains(" bytes (8.6 GB, 8.0 GiB) copied, "))
                .mapToDouble(l -> Double.parseDouble(l.replaceAll(".* copied, ([0-9.]+) s, .*", "$1")))
                .findFirst().orElseThrow();
        assertThat((double) duration).isGreaterThanOrEqualTo(Math.floor(copied));
        assertThat(resource("qemu/120").get("node").asText()).isEqualTo("pve2");
        assertThat(ssh.run("pve1", "qm config 120").exitStatus()).isEqualTo(255);
        assertThat(ssh.run("pve2", "qm config 120").stdout()).doesNotContain("lock");
        JsonNode task = pvesh("pve1", "/nodes/pve1/tasks").get(0);
        assertThat(task.get("type").asText()).isEqualTo("qmigrate");
        assertThat(task.get("status").asText()).isEqualTo("OK");
    }

    @Test
    void migrationRefusesARunningVmTheLocalNodeAndUnknownNodes() throws Exception {
        assertThat(ssh.run("pve1", "qm migrate 101 pve2").stderr())
                .isEqualTo("can't migrate running VM without --online\n");
        assertThat(ssh.run("pve1", "qm migrate 101 pve1").stderr())
                .startsWith("400 Parameter verification failed.\ntarget: target is local node.\n");
        assertThat(ssh.run("pve1", "qm migrate 9000 pve7").stderr()).isEqualTo("no such cluster node 'pve7'\n");
    }

    @Test
    void tagsAreCheckedLikePveTagsThenStoredLowerCaseSortedAndUnique() throws Exception {
        assertThat(ssh.run("pve1", "qm set 101 --tags 'pvebench;run/1'"))
                .isEqualTo(new SshClient.Result("", "400 Parameter verification failed.\ntags: invalid format - "
                        + "invalid characters in tag\nqm set <vmid> [OPTIONS]\n", 255));
        assertThat(ssh.run("pve1", "qm set 101 --tags 'pvebench-run-demo-20261125-101500-00ff,PVEbench;pvebench'")
                .exitStatus()).isZero();
        assertThat(resource("qemu/101").get("tags").asText())
                .isEqualTo("pvebench;pvebench-run-demo-20261125-101500-00ff");
    }

    @Test
    void aStartedCloneAnswersItsAgentOnlyOnceItHasBooted() throws Exception {
        ssh.run("pve1", "qm clone 9000 130 --name c --full");
        assertThat(ssh.run("pve1", "qm guest cmd 130 ping"))
                .isEqualTo(new SshClient.Result("", "VM 130 is not running\n", 255));
        ssh.run("pve1", "qm set 130 --cores 4 --memory 4096");
        assertThat(ssh.run("pve1", "qm start 130").exitStatus()).isZero();
        assertThat(ssh.run("pve1", "qm guest cmd 130 ping"))
                .isEqualTo(new SshClient.Result("", "QEMU guest agent is not running\n", 255));
        List<Integer> exits = new ArrayList<>();
        for (int i = 0; i < 40 && (exits.isEmpty() || exits.get(exits.size() - 1) != 0); i++) {
            Thread.sleep(10); // 4 s of model time at scale 400
            exits.add(ssh.run("pve1", "qm guest cmd 130 ping").exitStatus());
        }
        assertThat(exits).last().isEqualTo(0);
        JsonNode vm = resource("qemu/130");
        assertThat(vm.get("maxcpu").asInt()).isEqualTo(4);
        assertThat(vm.get("maxmem").asLong()).isEqualTo(4L << 30);
    }

    @Test
    void destroyWithPurgeRemovesAStoppedClone() throws Exception {
        ssh.run("pve1", "qm clone 9000 140 --name d --full");
        SshClient.Result destroy = ssh.run("pve1", "qm destroy 140 --purge");
        assertThat(destroy.exitStatus()).as(destroy.stderr()).isZero();
        assertThat(destroy.stdout()).isEqualTo("  Logical volume \"vm-140-disk-0\" successfully removed.\n"
                + "purging VM 140 from related configurations..\n");
        assertThat(resource("qemu/140")).isNull();
        assertThat(resource("qemu/9000")).isNotNull();
    }
}
