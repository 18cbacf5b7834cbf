package io.pvebench.cli;

import io.pvebench.guest.AgentGuestPort;
import io.pvebench.pipeline.InventoryCluster;
import io.pvebench.pipeline.Matrix;
import io.pvebench.pipeline.Pipeline;
import io.pvebench.pipeline.TwinCluster;
import io.pvebench.proxmox.PveCliClusterPort;
import io.pvebench.report.AllureResults;
import io.pvebench.report.ConsoleReport;
import io.pvebench.report.JunitXml;
import io.pvebench.report.SummaryJson;
import io.pvebench.run.CaseResult;
import io.pvebench.run.RunEvents;
import io.pvebench.run.RunFolder;
import io.pvebench.run.RunInfo;
import io.pvebench.run.RunListener;
import io.pvebench.run.RunResult;
import io.pvebench.ssh.JschRemoteShell;
import io.pvebench.stage.RecordingShell;
import io.pvebench.stage.RunContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one pipeline end to end: picks the target (twin or cluster file), opens the run
 * folder, wires ports and report listeners, and hands the run to the route flow. What
 * happens inside the run is the routes' and stages' business.
 */
public final class PipelineRunner {

    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    /**
     * How to run.
     *
     * @param outputFolder where run folders are created
     * @param seed         the seed of every random choice
     * @param routesDir    the route files ({@code routes/}); the jar's copies when absent
     * @param environment  where secrets named by the cluster file are read from
     * @param console      where progress and the summary go
     * @param extraListeners more run listeners (tests, integrations)
     */
    public record Options(Path outputFolder, long seed, Path routesDir, Map<String, String> environment,
                          PrintStream console, List<RunListener> extraListeners) {

        public Options {
            environment = Map.copyOf(environment);
            extraListeners = List.copyOf(extraListeners);
        }
    }

    private PipelineRunner() {
    }

    public static RunResult run(Pipeline pipeline, Options options) {
        Clock clock = Clock.systemUTC();
        // the target first: a cluster file naming a missing secret fails before any folder exists
        try (ClusterTarget target = target(pipeline, options)) {
            String runId = pipeline.name() + "-" + RUN_STAMP.format(clock.instant()) + "-"
                    + String.format("%04x", (int) (Math.abs(options.seed()) % 0x10000));
            RunFolder folder = RunFolder.create(options.outputFolder(), runId);
            RunInfo info = new RunInfo(runId, pipeline.name(), pipeline.source(), target.name(),
                    options.seed(), folder.root(), clock.instant(), Matrix.expand(pipeline));

            AtomicReference<RunResult> finished = new AtomicReference<>();
            List<RunListener> listeners = new ArrayList<>(List.of(
                    new SummaryJson(folder), new AllureResults(folder), new JunitXml(folder),
                    new ConsoleReport(options.console(), clock)));
            listeners.addAll(options.extraListeners());
            listeners.add(new RunListener() {
                @Override
                public void runFinished(RunResult result) {
                    finished.set(result);
                }
            });
            RunEvents events = new RunEvents(listeners);
            events.runStarted(info);

            try (RecordingShell shell = new RecordingShell(new JschRemoteShell(target.ssh()), folder)) {
                RunContext run = new RunContext(pipeline, info, folder, events, shell,
                        new PveCliClusterPort(shell, target.hosts(), pipeline.commandTimeout()),
                        new AgentGuestPort(shell, target.hosts()), clock);
                RouteFlow.run(run, options.routesDir());
            }
            RunResult result = finished.get();
            if (result == null) {
                // the flow ended without its report stage: say so rather than claim a verdict
                result = new RunResult(info, Map.of(), List.<CaseResult>of(), clock.instant());
                events.runFinished(result);
            }
            return result;
        }
    }

    private static ClusterTarget target(Pipeline pipeline, Options options) {
        if (pipeline.cluster() instanceof TwinCluster twin) {
            return TwinTarget.start(twin, pipeline.vmSpecs(), options.seed());
        }
        return InventoryTarget.of(((InventoryCluster) pipeline.cluster()).definition(), options.environment());
    }
}
