package io.pvebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.assess.Verdict;
import io.pvebench.pipeline.CasePlan;
import io.pvebench.pipeline.PipelineLoader;
import io.pvebench.run.CaseResult;
import io.pvebench.run.RunFolder;
import io.pvebench.run.RunInfo;
import io.pvebench.run.RunListener;
import io.pvebench.run.StepRecord;
import io.pvebench.run.StopSignal;
import io.pvebench.sim.model.ClusterModel;
import io.pvebench.sim.model.VmConfig;
import io.pvebench.sim.model.VmInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VMs cloned from a template for a run, end to end on a twin reached through a cluster file:
 * made before preflight with the run's tags and the spec's size, removed when the run ends
 * whatever happened; VMs a crashed run left are removed at the next start when the cluster
 * file allows it and only reported when it does not.
 */
@Tag("sim")
class ProvisioningOnTwinTest {

    private static final String PASSWORD = "provision-pw-41";
    /** VMs a run must leave as it found them. */
    private static final List<Integer> BEFORE = List.of(101, 102, TwinCluster.TEMPLATE);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private PipelineRunner.Outcome run(Path pipeline, RunListener listener, StopSignal stop) throws Exception {
        return PipelineRunner.run(PipelineLoader.load(pipeline),
                new PipelineRunner.Options(dir.resolve("reports"), 9, Path.of("routes"),
                        Map.of(TwinCluster.PASSWORD_VARIABLE, PASSWORD),
                        new PrintStream(console, true, StandardCharsets.UTF_8), List.of(listener), false,
                        Clock.systemUTC(), stop));
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private static List<Integer> vmids(ClusterModel model) {
        return model.vms().stream().map(VmInfo::vmid).sorted().toList();
    }

    private static List<String> commands(PipelineRunner.Outcome outcome) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(outcome.result().info().folder().resolve("raw/commands.jsonl"))) {
            JsonNode entry = RunFolder.JSON.readTree(line);
            out.add(entry.get("stage").asText() + ": " + entry.get("command").asText());
        }
        return out;
    }

    private static JsonNode environment(PipelineRunner.Outcome outcome) throws Exception {
        return RunFolder.JSON.readTree(outcome.result().info().folder().resolve("summary.json").toFile())
                .get("environment");
    }

    /** Makes, over SSH as a person would, a VM that a crashed run {@code old-run} left running. */
    private static void leaveOrphan(TwinCluster cluster, int vmid) throws Exception {
        String pw = PASSWORD;
        try (io.pvebench.ssh.JschRemoteShell ssh = new io.pvebench.ssh.JschRemoteShell(io.pvebench.ssh.SshSettings
                .of("root", io.pvebench.ssh.Credential.password(io.pvebench.ssh.Secret.of(pw)),
                        cluster.folder.resolve("clusters/known_hosts")))) {
            io.pvebench.ssh.SshHost pve1 = new io.pvebench.ssh.SshHost("pve1", cluster.twin.node("pve1").host(),
                    cluster.twin.node("pve1").port());
            for (String command : List.of("qm clone 9000 " + vmid + " --name pvebench-small-1 --full",
                    "qm set " + vmid + " --tags 'pvebench;pvebench-run-lab-clones-20260101-000000-0001'",
                    "qm start " + vmid)) {
                assertThat(ssh.run(pve1, command, java.time.Duration.ofSeconds(30)).exitCode()).as(command).isZero();
            }
        }
    }

    @Test
    void clonesExistDuringTheRunWithTheRunTagAndTheSpecsSizeAndAreGoneAfter() throws Exception {
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 9, 40, true, false)) {
            ClusterModel model = cluster.twin.model();
            AtomicReference<String> runId = new AtomicReference<>();
            List<VmConfig> duringFirstCase = new ArrayList<>();
            List<String> nodes = new ArrayList<>();
            RunListener watcher = new RunListener() {
                @Override
                public void runStarted(RunInfo run) {
                    runId.set(run.runId());
                }

                @Override
                public void caseStarted(CasePlan plan, int index, int total) {
                    if (index == 1) {
                        for (VmInfo vm : model.vms()) {
                            if (!BEFORE.contains(vm.vmid())) {
                                duringFirstCase.add(model.config(vm.vmid()).orElseThrow());
                                nodes.add(model.nodeOf(vm.vmid()) + (model.running(vm.vmid()) ? " running" : ""));
                            }
                        }
                    }
                }
            };

            PipelineRunner.Outcome outcome = run(cluster.templatePipeline(2, "2s"), watcher, new StopSignal());

            assertThat(outcome.result().verdict()).as(console()).isEqualTo(Verdict.PASS);
            String runTag = "pvebench-run-" + runId.get();
            assertThat(duringFirstCase).hasSize(2).allSatisfy(conf -> {
                assertThat(conf.tags()).contains("pvebench;" + runTag);
                assertThat(conf.cores()).isEqualTo(4);
                assertThat(conf.memoryBytes()).isEqualTo(4L << 30);
                assertThat(conf.template()).isFalse();
            });
            assertThat(duringFirstCase).extracting(VmConfig::name)
                    .containsExactly("pvebench-small-1", "pvebench-small-2");
            assertThat(nodes).containsExactly("pve1 running", "pve2 running");
            assertThat(vmids(model)).containsExactlyElementsOf(BEFORE);

            List<String> commands = commands(outcome);
            assertThat(commands).contains("provision: pvesh get /cluster/nextid --output-format json",
                    "provision: qm clone 9000 100 --name pvebench-small-1 --full",
                    "provision: qm set 100 --sockets 1 --cores 4 --memory 4096 --tags 'pvebench;" + runTag + "'",
                    "provision: qm start 100",
                    "provision: qm clone 9000 103 --name pvebench-small-2 --full",
                    "provision: qm migrate 103 pve2", "provision: qm start 103",
                    "provision: qm guest cmd 103 ping",
                    "deprovision: qm stop 103", "deprovision: qm destroy 103 --purge",
                    "deprovision: qm stop 100", "deprovision: qm destroy 100 --purge");
            assertThat(commands.indexOf("provision: qm start 103"))
                    .isLessThan(commands.indexOf("preflight: pvesh get /cluster/resources --output-format json"));
            assertThat(environment(outcome).get("vmSpec.small.clones").asText())
                    .isEqualTo("vm 100 on pve1 <- vm 103 on pve2 (template 9000, tags pvebench;" + runTag + ")");
            assertThat(environment(outcome).get("vmSpec.small").asText()).endsWith("(cross-node)");
            assertThat(console()).contains("  provision: cloning template 9000 on pve1 to vm 100 'pvebench-small-1' "
                    + "on pve1", "  provision: moving vm 103 to pve2 (offline migration",
                    "  deprovision: destroyed vm 103 'pvebench-small-2' on pve2");
        }
    }

    @Test
    void aTemplateOnSharedStorageIsClonedStraightToTheClientsNodeWithoutMigrating() throws Exception {
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 9, 40, "ceph", false)) {
            List<String> placed = new ArrayList<>();
            RunListener watcher = new RunListener() {
                @Override
                public void caseStarted(CasePlan plan, int index, int total) {
                    for (int vmid : List.of(100, 103)) {
                        placed.add(cluster.twin.model().nodeOf(vmid) + " " + cluster.twin.model().config(vmid)
                                .orElseThrow().get("scsi0").orElseThrow());
                    }
                }
            };

            PipelineRunner.Outcome outcome = run(cluster.templatePipeline(1, "2s"), watcher, new StopSignal());

            assertThat(outcome.result().verdict()).as(console()).isEqualTo(Verdict.PASS);
            assertThat(placed).containsExactly("pve1 ceph:vm-100-disk-0,iothread=1,size=8G",
                    "pve2 ceph:vm-103-disk-0,iothread=1,size=8G");
            assertThat(commands(outcome)).contains(
                    "provision: qm clone 9000 103 --name pvebench-small-2 --full --target pve2",
                    "provision: qm set 103 --sockets 1 --cores 4 --memory 4096 --tags 'pvebench;pvebench-run-"
                            + outcome.result().info().runId() + "'")
                    .noneMatch(c -> c.contains("qm migrate"));
            assertThat(vmids(cluster.twin.model())).containsExactlyElementsOf(BEFORE);
        }
    }

    @Test
    void anOrphanOfACrashedRunIsRemovedAtTheNextRunsStartWhenTheClusterOptsIn() throws Exception {
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 9, 40, true, true)) {
            leaveOrphan(cluster, 150);
            List<Boolean> orphanDuringRun = new ArrayList<>();
            RunListener watcher = new RunListener() {
                @Override
                public void caseStarted(CasePlan plan, int index, int total) {
                    orphanDuringRun.add(cluster.twin.model().vm(150).isPresent());
                }
            };

            PipelineRunner.Outcome outcome = run(cluster.pipeline(1, "2s"), watcher, new StopSignal());

            assertThat(outcome.result().verdict()).as(console()).isEqualTo(Verdict.PASS);
            assertThat(orphanDuringRun).containsExactly(false);
            assertThat(vmids(cluster.twin.model())).containsExactlyElementsOf(BEFORE);
            assertThat(commands(outcome)).containsSubsequence("orphans: qm stop 150", "orphans: qm destroy 150 --purge",
                    "preflight: pveversion");
            assertThat(environment(outcome).get("orphans.removed").asText())
                    .isEqualTo("vm 150 'pvebench-small-1' on pve1 (run lab-clones-20260101-000000-0001, running)");
            assertThat(console()).contains("  orphans: removing vm 150 'pvebench-small-1' on pve1");
        }
    }

    @Test
    void anOrphanIsOnlyReportedWhenTheClusterFileDoesNotOptIn() throws Exception {
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 9, 40, true, false)) {
            leaveOrphan(cluster, 150);

            PipelineRunner.Outcome outcome = run(cluster.pipeline(1, "2s"), new RunListener() { }, new StopSignal());

            assertThat(outcome.result().verdict()).as(console()).isEqualTo(Verdict.PASS);
            assertThat(cluster.twin.model().running(150)).isTrue();
            assertThat(commands(outcome)).noneMatch(c -> c.contains("qm stop") || c.contains("qm destroy"));
            assertThat(environment(outcome).get("orphans").asText())
                    .isEqualTo("vm 150 'pvebench-small-1' on pve1 (run lab-clones-20260101-000000-0001, running)"
                            + " (left in place)");
            assertThat(console()).contains("  WARNING orphans: 1 VM(s) left by an earlier pvebench run, not removed: "
                    + "vm 150 'pvebench-small-1' on pve1", "set 'cleanup: orphans' in the cluster file");
        }
    }

    @Test
    void aFailingCloneBreaksTheRunWithAClearReasonAndStillDestroysWhatWasCreated() throws Exception {
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 9, 40, true, false)) {
            // the server's clone (vm 100) works; the client's (vm 103) hits a full thin pool
            cluster.twin.failCommands("pve1", "qm clone 9000 103", 255, "clone failed: lvcreate 'pve/vm-103-disk-0' "
                    + "error:   Insufficient free space: 2048 extents needed, but only 12 available\n");

            PipelineRunner.Outcome outcome = run(cluster.templatePipeline(2, "2s"), new RunListener() { },
                    new StopSignal());

            assertThat(outcome.result().verdict()).isEqualTo(Verdict.BROKEN);
            assertThat(outcome.exitCode()).isEqualTo(3);
            assertThat(outcome.result().cases()).hasSize(2).allSatisfy(c -> assertThat(c.assessment().reason())
                    .isEqualTo("not run: the run broke before this case started: provision: spec 'small': cloning "
                            + "template 9000 to vm 103 failed: 'qm clone 9000 103 --name pvebench-small-2 --full' on "
                            + "pve1 exited 255: clone failed: lvcreate 'pve/vm-103-disk-0' error:   Insufficient free "
                            + "space: 2048 extents needed, but only 12 available"));
            assertThat(vmids(cluster.twin.model())).containsExactlyElementsOf(BEFORE);
            assertThat(commands(outcome)).contains("deprovision: qm stop 100", "deprovision: qm destroy 100 --purge")
                    .noneMatch(c -> c.startsWith("preflight:") || c.contains("qm destroy 103"));
        }
    }

    @Test
    void aStopDuringACaseStillDestroysTheClones() throws Exception {
        try (TwinCluster cluster = new TwinCluster(dir, PASSWORD, 9, 40, true, false)) {
            StopSignal stop = new StopSignal();
            RunListener stopper = new RunListener() {
                @Override
                public void stepFinished(CasePlan plan, StepRecord step) {
                    if (step.name().equals("measure")) {
                        stop.request("test stop");
                    }
                }
            };

            PipelineRunner.Outcome outcome = run(cluster.templatePipeline(2, "2s"), stopper, stop);

            List<CaseResult> cases = outcome.result().cases();
            assertThat(cases).extracting(c -> c.assessment().verdict()).containsExactly(Verdict.BROKEN, Verdict.BROKEN);
            assertThat(cases.get(0).assessment().reason()).isEqualTo("run stopped: test stop");
            assertThat(cases.get(1).assessment().reason()).startsWith("not run:");
            assertThat(vmids(cluster.twin.model())).containsExactlyElementsOf(BEFORE);
            assertThat(commands(outcome)).contains("deprovision: qm destroy 100 --purge",
                    "deprovision: qm destroy 103 --purge");
        }
    }
}
