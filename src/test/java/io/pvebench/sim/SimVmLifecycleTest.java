package io.pvebench.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The VM lifecycle over SSH: {@code qm start|stop|shutdown|destroy|clone|set|config|template}
 * and the tasks they leave in {@code /nodes/{node}/tasks}. Formats from qemu-server 9.2.6
 * {@code API2/Qemu.pm}, {@code CLI/qm.pm} and pve-manager {@code API2/Tasks.pm}.
 */
class SimVmLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private SimCluster cluster;
    private SshClient ssh;

    @BeforeEach
    void startTwin() {
        cluster = SimCluster.start(SimSpec.defaults(2, 7).withTimeScale(400));
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

    private static List<String> texts(JsonNode log) {
        List<String> lines = new ArrayList<>();
        log.forEach(l -> lines.add(l.get("t").asText()));
        return lines;
    }

    private JsonNode resource(String id) throws Exception {
        for (JsonNode e : pvesh("pve1", "/cluster/resources")) {
            if (e.get("id").asText().equals(id)) {
                return e;
            }
        }
        return null;
    }

    @Test
    void startingAStoppedVmRunsAQmstartTaskThatEndsOkAndIsListedNewestFirst() throws Exception {
        SshClient.Result stop = ssh.run("pve1", "qm stop 100");
        assertThat(stop).isEqualTo(new SshClient.Result("", "", 0));
        assertThat(ssh.run("pve1", "qm status 100").stdout()).isEqualTo("status: stopped\n");

        SshClient.Result start = ssh.run("pve1", "qm start 100");
        // over SSH the log streams to stdout, but TASK OK is not printed (RESTEnvironment.pm $tee_worker)
        assertThat(start).isEqualTo(new SshClient.Result("", "", 0));
        assertThat(ssh.run("pve1", "qm status 100").stdout()).isEqualTo("status: running\n");

        JsonNode tasks = pvesh("pve1", "/nodes/pve1/tasks");
        assertThat(tasks).hasSize(2);
        JsonNode newest = tasks.get(0);
        assertThat(newest.get("type").asText()).isEqualTo("qmstart");
        assertThat(newest.get("id").asText()).isEqualTo("100");
        assertThat(newest.get("status").asText()).isEqualTo("OK");
        assertThat(newest.get("user").asText()).isEqualTo("root@pam");
        assertThat(newest.get("endtime").asLong()).isGreaterThanOrEqualTo(newest.get("starttime").asLong());
        String upid = newest.get("upid").asText();
        assertThat(upid).matches("UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:qmstart:100:root@pam:");
        assertThat(newest.get("pid").asLong()).isEqualTo(Long.parseLong(upid.split(":")[2], 16));
        assertThat(tasks.get(1).get("type").asText()).isEqualTo("qmstop");

        JsonNode status = pvesh("pve1", "/nodes/pve1/tasks/" + upid + "/status");
        assertThat(status.get("status").asText()).isEqualTo("stopped");
        assertThat(status.get("exitstatus").asText()).isEqualTo("OK");
        assertThat(status.get("upid").asText()).isEqualTo(upid);
        assertThat(status.get("node").asText()).isEqualTo("pve1");
        assertThat(status.has("pstart")).isTrue();
        assertThat(texts(pvesh("pve1", "/nodes/pve1/tasks/" + upid + "/log"))).containsExactly("TASK OK");
    }

    @Test
    void aStoppedVmShowsZeroUsageInClusterResourcesAndQmList() throws Exception {
        ssh.run("pve1", "qm shutdown 100");
        JsonNode vm = resource("qemu/100");
        assertThat(vm.get("status").asText()).isEqualTo("stopped");
        assertThat(vm.get("cpu").asDouble()).isZero();
        assertThat(vm.get("uptime").asLong()).isZero();
        assertThat(vm.get("mem").asLong()).isZero();
        assertThat(ssh.run("pve1", "qm list").stdout().split("\n")[1])
                .matches(" +100 vm100 +stopped +4096 +32\\.00 0 *");
        JsonNode list = pvesh("pve1", "/nodes/pve1/qemu");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("status").asText()).isEqualTo("stopped");
        assertThat(list.get(0).has("pid")).isFalse();
        assertThat(pvesh("pve1", "/nodes/pve1/tasks").get(0).get("type").asText()).isEqualTo("qmshutdown");
    }

    @Test
    void startingARunningVmFailsWithExit255AndLeavesAnErrorTask() throws Exception {
        SshClient.Result r = ssh.run("pve1", "qm start 100");
        assertThat(r).isEqualTo(new SshClient.Result("", "VM 100 already running\n", 255));
        JsonNode task = pvesh("pve1", "/nodes/pve1/tasks").get(0);
        assertThat(task.get("status").asText()).isEqualTo("VM 100 already running");
        String upid = task.get("upid").asText();
        assertThat(pvesh("pve1", "/nodes/pve1/tasks/" + upid + "/status").get("exitstatus").asText())
                .isEqualTo("VM 100 already running");
        // the CLI tee writes "\n$readbuf" before an error marker
        assertThat(texts(pvesh("pve1", "/nodes/pve1/tasks/" + upid + "/log")))
                .containsExactly("", "TASK ERROR: VM 100 already running");
        assertThat(pvesh("pve1", "/nodes/pve1/tasks --errors 1")).hasSize(1);
        assertThat(pvesh("pve1", "/nodes/pve1/tasks --statusfilter ok")).isEmpty();
    }

    @Test
    void checksBeforeTheWorkerFailWithoutATask() throws Exception {
        assertThat(ssh.run("pve1", "qm destroy 100"))
                .isEqualTo(new SshClient.Result("", "VM 100 is running - destroy failed\n", 255));
        assertThat(ssh.run("pve1", "qm config 101")).isEqualTo(new SshClient.Result("",
                "Configuration file 'nodes/pve1/qemu-server/101.conf' does not exist\n", 255));
        assertThat(ssh.run("pve1", "qm clone 100 100").stderr())
                .isEqualTo("unable to create VM 100: config file already exists\n");
        assertThat(ssh.run("pve1", "qm clone 100 102 --target pve2").stderr())
                .isEqualTo("can't clone VM to node 'pve2' (VM uses local storage)\n");
        assertThat(ssh.run("pve1", "qm set 100").stderr()).isEqualTo("no options specified\n");
        assertThat(ssh.run("pve1", "qm start").stderr()).startsWith("400 not enough arguments\nqm start <vmid>");
        assertThat(pvesh("pve1", "/nodes/pve1/tasks")).isEmpty();
        SshClient.Result other = ssh.run("pve1", "pvesh get /nodes/pve1/qemu/101/config --output-format json");
        assertThat(other.exitStatus()).isEqualTo(255);
        assertThat(other.stderr()).isEqualTo("Configuration file 'nodes/pve1/qemu-server/101.conf' does not exist\n");
    }

    @Test
    void stoppingAVmOnAnotherNodeEndsItsTaskWithTheMissingConfig() throws Exception {
        SshClient.Result r = ssh.run("pve1", "qm stop 101");
        assertThat(r).isEqualTo(new SshClient.Result("",
                "unable to find configuration file for VM 101 on node 'pve1'\n", 255));
        assertThat(pvesh("pve1", "/nodes/pve1/tasks").get(0).get("type").asText()).isEqualTo("qmstop");
    }

    @Test
    void cloneSetAndStartGiveARunningVmInClusterResourcesAndQmList() throws Exception {
        SshClient.Result clone = ssh.run("pve1", "qm clone 100 120 --name web1 --full 1");
        assertThat(clone.exitStatus()).as(clone.stderr()).isZero();
        List<String> out = List.of(clone.stdout().split("\n"));
        assertThat(out.get(0)).isEqualTo("creating a clone of VM 100 with ID 120");
        assertThat(out.get(1)).isEqualTo("create full clone of drive scsi0 (local-lvm:vm-100-disk-0)");
        // running source: drive-mirror (QemuServer/BlockJob.pm), job mirror-scsi0 on 9.x
        assertThat(out).contains("drive mirror is starting for drive-scsi0", "all 'mirror' jobs are ready",
                "issuing guest agent 'guest-fsfreeze-freeze' command");
        assertThat(out).anyMatch(l -> l.matches("mirror-scsi0: transferred 32\\.0 GiB of 32\\.0 GiB \\(100\\.00%\\) in \\d+s, ready"));

        SshClient.Result set = ssh.run("pve1", "qm set 120 --cores 2 --memory 2048 --tags 'web;prod'");
        assertThat(set).isEqualTo(new SshClient.Result("update VM 120: -cores 2 -memory 2048 -tags web;prod\n", "", 0));
        String config = ssh.run("pve1", "qm config 120").stdout();
        assertThat(config).contains("cores: 2\n", "memory: 2048\n", "name: web1\n", "tags: prod;web\n",
                "scsi0: local-lvm:vm-120-disk-0,iothread=1,size=32G\n", "scsihw: virtio-scsi-single\n",
                "ostype: l26\n", "agent: 1\n", "boot: order=scsi0;net0\n").doesNotContain("lock", "digest");
        assertThat(config).containsPattern("net0: virtio=BC:24:11:[0-9A-F:]{8},bridge=vmbr0,firewall=1\n");
        assertThat(ssh.run("pve1", "qm start 120").exitStatus()).isZero();

        JsonNode vm = resource("qemu/120");
        assertThat(vm.get("status").asText()).isEqualTo("running");
        assertThat(vm.get("name").asText()).isEqualTo("web1");
        assertThat(vm.get("maxcpu").asInt()).isEqualTo(2);
        assertThat(vm.get("maxmem").asLong()).isEqualTo(2048L << 20);
        assertThat(vm.get("tags").asText()).isEqualTo("prod;web");
        assertThat(vm.get("template").asInt()).isZero();
        assertThat(vm.has("lock")).isFalse();
        assertThat(ssh.run("pve1", "qm list").stdout()).containsPattern("\n +120 web1 +running +2048 +32\\.00 [1-9]");

        JsonNode api = pvesh("pve1", "/nodes/pve1/qemu/120/config");
        assertThat(api.get("cores").isInt()).isTrue();
        assertThat(api.get("memory").asText()).isEqualTo("2048");
        assertThat(api.get("memory").isTextual()).isTrue();
        assertThat(api.get("digest").asText()).matches("[0-9a-f]{40}");
        assertThat(api.get("smbios1").asText()).matches("uuid=[0-9a-f\\-]{36}")
                .isNotEqualTo(pvesh("pve1", "/nodes/pve1/qemu/100/config").get("smbios1").asText());
        JsonNode current = pvesh("pve1", "/nodes/pve1/qemu/120/status/current");
        assertThat(current.get("qmpstatus").asText()).isEqualTo("running");
        assertThat(current.get("agent").asInt()).isEqualTo(1);
        assertThat(current.get("ha").get("managed").asInt()).isZero();
        JsonNode tasks = pvesh("pve1", "/nodes/pve1/tasks --vmid 100");
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("type").asText()).isEqualTo("qmclone");
        assertThat(pvesh("pve1", "/nodes/pve1/tasks --typefilter qmstart").get(0).get("id").asText()).isEqualTo("120");
    }

    @Test
    void settingCoresOnARunningVmStaysPendingUntilTheNextStart() throws Exception {
        ssh.run("pve1", "qm set 100 --cores 8");
        assertThat(ssh.run("pve1", "qm config 100").stdout()).contains("cores: 8\n");
        assertThat(ssh.run("pve1", "qm config 100 --current 1").stdout()).contains("cores: 4\n");
        assertThat(resource("qemu/100").get("maxcpu").asInt()).isEqualTo(4);
        ssh.run("pve1", "qm stop 100");
        ssh.run("pve1", "qm start 100");
        assertThat(resource("qemu/100").get("maxcpu").asInt()).isEqualTo(8);
    }

    @Test
    void aTemplateGivesLinkedClonesAndCannotBeDestroyedWhileTheyExist() throws Exception {
        assertThat(ssh.run("pve1", "qm template 100").stderr())
                .isEqualTo("you can't convert a VM to template if VM is running\n");
        ssh.run("pve1", "qm stop 100");
        SshClient.Result template = ssh.run("pve1", "qm template 100");
        assertThat(template).isEqualTo(new SshClient.Result("  Renamed \"vm-100-disk-0\" to \"base-100-disk-0\" in "
                + "volume group \"pve\"\n  Logical volume pve/base-100-disk-0 changed.\n", "", 0));
        assertThat(resource("qemu/100").get("template").asInt()).isEqualTo(1);
        assertThat(ssh.run("pve1", "qm start 100").stderr()).isEqualTo("you can't start a vm if it's a template\n");

        SshClient.Result clone = ssh.run("pve1", "qm clone 100 130 --name linked");
        assertThat(clone).isEqualTo(new SshClient.Result("creating a clone of VM 100 with ID 130\n"
                + "create linked clone of drive scsi0 (local-lvm:base-100-disk-0)\n"
                + "  Logical volume \"vm-130-disk-0\" created.\n", "", 0));
        assertThat(ssh.run("pve1", "qm config 130").stdout())
                .contains("scsi0: local-lvm:base-100-disk-0/vm-130-disk-0,iothread=1,size=32G\n")
                .doesNotContain("template");

        SshClient.Result destroy = ssh.run("pve1", "qm destroy 100");
        assertThat(destroy.exitStatus()).isEqualTo(255);
        assertThat(destroy.stderr())
                .isEqualTo("base volume 'local-lvm:base-100-disk-0' is still in use by linked cloned\n");
        assertThat(ssh.run("pve1", "qm destroy 130"))
                .isEqualTo(new SshClient.Result("  Logical volume \"vm-130-disk-0\" successfully removed.\n", "", 0));
        assertThat(ssh.run("pve1", "qm destroy 100").exitStatus()).isZero();
        assertThat(resource("qemu/100")).isNull();
        assertThat(ssh.run("pve1", "qm list").stdout()).isEmpty();
    }

    @Test
    void aCloneToAVmidAnotherNodeHoldsFailsInsideTheTask() throws Exception {
        ssh.run("pve1", "qm stop 100");
        SshClient.Result r = ssh.run("pve1", "qm clone 100 101");
        assertThat(r.exitStatus()).isEqualTo(255);
        assertThat(r.stdout()).isEqualTo("creating a clone of VM 100 with ID 101\n");
        assertThat(r.stderr()).isEqualTo(
                "close (rename) atomic file '/etc/pve/nodes/pve1/qemu-server/101.conf' failed: File exists\n");
        assertThat(resource("qemu/101").get("node").asText()).isEqualTo("pve2");
    }

    @Test
    void aFullCloneOfAStoppedVmCopiesWithQemuImgProgressAndLogsPageBy50() throws Exception {
        ssh.run("pve1", "qm stop 100");
        SshClient.Result clone = ssh.run("pve1", "qm clone 100 140");
        assertThat(clone.exitStatus()).isZero();
        List<String> out = List.of(clone.stdout().split("\n"));
        assertThat(out.subList(0, 5)).containsExactly("creating a clone of VM 100 with ID 140",
                "create full clone of drive scsi0 (local-lvm:vm-100-disk-0)", "  Logical volume \"vm-140-disk-0\" created.",
                "allocated target volume 'local-lvm:vm-140-disk-0'", "transferred 0.0 B of 32.0 GiB (0.00%)");
        assertThat(out).contains("transferred 327.7 MiB of 32.0 GiB (1.00%)")
                .endsWith("transferred 32.0 GiB of 32.0 GiB (100.00%)");
        assertThat(ssh.run("pve1", "qm config 140").stdout()).contains("name: Copy-of-VM-vm100\n");

        String upid = pvesh("pve1", "/nodes/pve1/tasks --limit 1").get(0).get("upid").asText();
        String log = "/nodes/pve1/tasks/" + upid + "/log";
        JsonNode first = pvesh("pve1", log);
        assertThat(first).hasSize(50);
        assertThat(first.get(0).get("n").asInt()).isEqualTo(1);
        JsonNode page = pvesh("pve1", log + " --start 100 --limit 10");
        int total = out.size() + 1;
        assertThat(page).hasSize(total - 100);
        assertThat(page.get(0).get("n").asInt()).isEqualTo(101);
        assertThat(texts(page)).last().isEqualTo("TASK OK");
        assertThat(pvesh("pve1", log + " --limit 0")).hasSize(total);
        assertThat(pvesh("pve1", log + " --start 1000")).isEmpty();
        assertThat(texts(pvesh("pve1", "/nodes/pve1/tasks/UPID:pve1:00000001:00000001:00000001:qmstart:1:root@pam:/log")))
                .containsExactly("unable to open file - No such file or directory");
        SshClient.Result bad = ssh.run("pve1", "pvesh get /nodes/pve1/tasks/UPID:nope/status");
        assertThat(bad).isEqualTo(new SshClient.Result("",
                "400 Parameter verification failed.\nupid: unable to parse worker upid\n", 255));
    }

    @Test
    void aRunningCloneIsARunningTaskWithALockedTargetWhileClientsPoll() throws Exception {
        cluster.close();
        cluster = SimCluster.start(SimSpec.defaults(2, 7).withTimeScale(20));
        ssh = new SshClient(cluster);
        ssh.run("pve1", "qm stop 100");
        Thread clone = new Thread(() -> {
            try {
                ssh.run("pve1", "qm clone 100 150");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        clone.start();
        JsonNode active = null;
        for (int i = 0; i < 200 && (active == null || active.isEmpty()); i++) {
            active = pvesh("pve1", "/nodes/pve1/tasks --source active");
        }
        assertThat(active).hasSize(1);
        assertThat(active.get(0).get("status").asText()).isEqualTo("RUNNING");
        String upid = active.get(0).get("upid").asText();
        JsonNode status = pvesh("pve1", "/nodes/pve1/tasks/" + upid + "/status");
        assertThat(status.get("status").asText()).isEqualTo("running");
        assertThat(status.has("exitstatus")).isFalse();
        JsonNode target = resource("qemu/150");
        assertThat(target.get("lock").asText()).isEqualTo("clone");
        assertThat(pvesh("pve1", "/nodes/pve1/tasks")).noneMatch(t -> t.get("upid").asText().equals(upid));
        clone.join(30_000);
        assertThat(pvesh("pve1", "/nodes/pve1/tasks/" + upid + "/status").get("exitstatus").asText()).isEqualTo("OK");
        assertThat(resource("qemu/150").has("lock")).isFalse();
    }

    @Test
    void aSharedStorageAllowsACloneToAnotherNode() throws Exception {
        cluster.close();
        SimSpec spec = SimSpec.defaults(2, 7).withTimeScale(400);
        List<SimVmSpec> vms = List.of(spec.vms().get(0).withDisk(8L << 30, "ceph"), spec.vms().get(1));
        cluster = SimCluster.start(new SimSpec("sim", "9.2", 2, 7, 400, vms, "root", "sim", List.of()));
        ssh = new SshClient(cluster);
        ssh.run("pve1", "qm stop 100");
        SshClient.Result r = ssh.run("pve1", "qm clone 100 160 --target pve2");
        assertThat(r.exitStatus()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("allocated target volume 'ceph:vm-160-disk-0'\n")
                .doesNotContain("Logical volume");
        assertThat(resource("qemu/160").get("node").asText()).isEqualTo("pve2");
        assertThat(ssh.run("pve2", "qm config 160").stdout()).contains("scsi0: ceph:vm-160-disk-0,iothread=1,size=8G\n");
        assertThat(ssh.run("pve1", "qm clone 100 161 --target pve2 --storage local-lvm").stderr())
                .isEqualTo("can't clone to non-shared storage 'local-lvm'\n");
    }

    @Test
    void storagesOfTheVmsAppearInClusterResourcesWithTheirSharedFlag() throws Exception {
        cluster.close();
        SimSpec spec = SimSpec.defaults(2, 7).withTimeScale(400);
        List<SimVmSpec> vms = List.of(spec.vms().get(0).withDisk(8L << 30, "ceph"), spec.vms().get(1));
        cluster = SimCluster.start(new SimSpec("sim", "9.2", 2, 7, 400, vms, "root", "sim", List.of()));
        ssh = new SshClient(cluster);
        JsonNode ceph = resource("storage/pve2/ceph");
        assertThat(ceph.get("shared").asInt()).isEqualTo(1);
        assertThat(ceph.get("plugintype").asText()).isEqualTo("rbd");
        assertThat(ceph.get("disk").asLong()).isEqualTo((8L << 30) / 3);
        JsonNode lvm = resource("storage/pve2/local-lvm");
        assertThat(lvm.get("shared").asInt()).isZero();
        assertThat(lvm.get("plugintype").asText()).isEqualTo("lvmthin");
        assertThat(lvm.get("content").asText()).isEqualTo("images,rootdir");
    }

    @Test
    void onTheEightFourProfileACloneLogsAsQemuServer8Does() throws Exception {
        cluster.close();
        cluster = SimCluster.start(SimSpec.defaults(2, 7).withTimeScale(400).withVersion("8.4"));
        ssh = new SshClient(cluster);
        SshClient.Result clone = ssh.run("pve1", "qm clone 100 120");
        assertThat(clone.exitStatus()).isZero();
        List<String> out = List.of(clone.stdout().split("\n"));
        // qemu-server 8.4.10 (stable-bookworm): no "creating a clone" / "allocated target volume" lines
        assertThat(out.get(0)).isEqualTo("create full clone of drive scsi0 (local-lvm:vm-100-disk-0)");
        assertThat(out).noneMatch(l -> l.startsWith("allocated target volume"))
                .contains("freeze filesystem", "drive-scsi0: Cancelling block job", "unfreeze filesystem")
                .anyMatch(l -> l.startsWith("drive-scsi0: transferred "));
        assertThat(ssh.run("pve1", "qm config 120").stdout()).contains("meta: creation-qemu=9.2.0,");
    }

    private static List<String> transcript(long seed) throws Exception {
        Clock fixed = Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);
        try (SimCluster twin = SimCluster.start(SimSpec.defaults(2, seed).withTimeScale(400), fixed)) {
            SshClient client = new SshClient(twin);
            List<String> outputs = new ArrayList<>();
            for (String command : List.of("qm stop 100", "qm start 100", "qm start 100", "qm clone 100 120 --name a",
                    "qm set 120 --tags x", "qm config 120", "qm list",
                    "pvesh get /nodes/pve1/tasks --output-format json",
                    "pvesh get /nodes/pve1/qemu/120/config --output-format json")) {
                SshClient.Result r = client.run("pve1", command);
                outputs.add(r.stdout() + r.stderr() + r.exitStatus());
            }
            return outputs;
        }
    }

    @Test
    void sameSeedAndCommandsGiveTheSameUpidsLogsAndConfigs() throws Exception {
        List<String> first = transcript(5);
        assertThat(transcript(5)).isEqualTo(first);
        assertThat(transcript(6)).isNotEqualTo(first);
        assertThat(first.get(7)).contains("UPID:pve1:");
    }

    @Test
    void aRunningTaskWithoutOutputYetHasTheNoContentLog() throws Exception {
        cluster.close();
        cluster = SimCluster.start(SimSpec.defaults(2, 7).withTimeScale(2));
        ssh = new SshClient(cluster);
        ssh.run("pve1", "qm stop 100");
        Thread start = new Thread(() -> {
            try {
                ssh.run("pve1", "qm start 100");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        start.start();
        JsonNode active = null;
        for (int i = 0; i < 200 && (active == null || active.isEmpty()); i++) {
            active = pvesh("pve1", "/nodes/pve1/tasks --source all --typefilter qmstart");
        }
        assertThat(active).hasSize(1);
        String upid = active.get(0).get("upid").asText();
        JsonNode log = pvesh("pve1", "/nodes/pve1/tasks/" + upid + "/log");
        assertThat(log.toString()).isEqualTo("[{\"n\":1,\"t\":\"no content\"}]");
        start.join(30_000);
        assertThat(texts(pvesh("pve1", "/nodes/pve1/tasks/" + upid + "/log"))).containsExactly("TASK OK");
    }

    @Test
    void pveshRunsLifecycleCallsOnThePathsNodeAndPrintsTheUpidAfterTheWorkersOutput() throws Exception {
        SshClient.Result stop = ssh.run("pve1", "pvesh create /nodes/pve2/qemu/101/status/stop --output-format json");
        assertThat(stop.exitStatus()).isZero();
        assertThat(stop.stdout()).matches("\"UPID:pve2:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmstop:101:root@pam:\"\n");
        String upid = stop.stdout().trim().replace("\"", "");
        assertThat(pvesh("pve2", "/nodes/pve2/tasks").get(0).get("upid").asText()).isEqualTo(upid);
        assertThat(resource("qemu/101").get("status").asText()).isEqualTo("stopped");

        ssh.run("pve1", "pvesh create /nodes/pve2/qemu/101/status/start");
        SshClient.Result again = ssh.run("pve1", "pvesh create /nodes/pve2/qemu/101/status/start");
        // the worker dies, pvesh still prints the UPID and exits 0
        assertThat(again.exitStatus()).isZero();
        assertThat(again.stderr()).isEqualTo("VM 101 already running\n");
        assertThat(again.stdout()).contains(":qmstart:101:root@pam:");

        assertThat(ssh.run("pve1", "pvesh set /nodes/pve1/qemu/100/config --tags a"))
                .isEqualTo(new SshClient.Result("update VM 100: -tags a\n", "", 0));
        assertThat(ssh.run("pve1", "pvesh delete /nodes/pve1/qemu/100"))
                .isEqualTo(new SshClient.Result("", "VM 100 is running - destroy failed\n", 255));
        assertThat(ssh.run("pve1", "pvesh create /nodes/pve1/qemu/100/clone --newid 170 --bogus 1").stderr())
                .isEqualTo("400 Parameter verification failed.\nbogus: property is not defined in schema and the "
                        + "schema does not allow additional properties\n");
        SshClient.Result clone = ssh.run("pve1", "pvesh create /nodes/pve1/qemu/100/clone --newid 170 --name c");
        assertThat(clone.exitStatus()).as(clone.stderr()).isZero();
        assertThat(clone.stdout()).startsWith("creating a clone of VM 100 with ID 170\n").contains(":qmclone:100:");
        assertThat(resource("qemu/170").get("name").asText()).isEqualTo("c");
    }
}
