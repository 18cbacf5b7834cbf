package io.pvebench.cli;

import io.pvebench.assess.RunComparison;
import io.pvebench.guest.AgentGuestPort;
import io.pvebench.pipeline.InventoryCluster;
import io.pvebench.pipeline.Matrix;
import io.pvebench.pipeline.Pipeline;
import io.pvebench.pipeline.TwinCluster;
import io.pvebench.proxmox.ClusterClock;
import io.pvebench.proxmox.ClusterPort;
import io.pvebench.proxmox.ProxmoxException;
import io.pvebench.proxmox.PveCliClusterPort;
import io.pvebench.proxmox.PveCliFaultPort;
import io.pvebench.report.AllureHistory;
import io.pvebench.report.AllureHtml;
import io.pvebench.report.AllureHtmlReport;
import io.pvebench.report.AllureResults;
import io.pvebench.report.BaselineCheck;
import io.pvebench.report.BaselineComparison;
import io.pvebench.report.ConsoleReport;
import io.pvebench.report.JunitXml;
import io.pvebench.report.MatrixSummary;
import io.pvebench.report.SummaryJson;
import io.pvebench.run.RunEvents;
import io.pvebench.run.RunFolder;
import io.pvebench.run.RunInfo;
import io.pvebench.run.RunListener;
import io.pvebench.run.RunResult;
import io.pvebench.run.StopSignal;
import io.pvebench.ssh.JschRemoteShell;
import io.pvebench.ssh.SshException;
import io.pvebench.stage.RecordingShell;
import io.pvebench.stage.ReportStage;
import io.pvebench.stage.RestoreStage;
import io.pvebench.stage.RunContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one pipeline end to end: picks the target (twin or cluster file), checks the
 * credentials, opens the run folder, wires ports and report listeners, and hands the run
 * to the route flow. What happens inside the run is the routes' and stages' business.
 */
public final class PipelineRunner {

    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    /**
     * How to run.
     *
     * @param outputFolder   where run folders are created
     * @param seed           the seed of every random choice
     * @param routesDir      the route files; the jar's copies when null
     * @param environment    where secrets named by the cluster file are read from
     * @param console        where progress and the summary go
     * @param extraListeners more run listeners (tests, integrations)
     * @param html           whether to render the Allure HTML report at the end
     * @param clock          the time every record is stamped with
     * @param stop           lets a signal handler stop the run early
     * @param historyFolder  where the HTML report's trend history of every cluster and pipeline is
     *                       kept ({@link AllureHistory}); {@code .history} in the output folder when null
     */
    public record Options(Path outputFolder, long seed, Path routesDir, Map<String, String> environment,
                          PrintStream console, List<RunListener> extraListeners, boolean html, Clock clock,
                          StopSignal stop, Path historyFolder) {

        public Options {
            environment = Map.copyOf(environment);
            extraListeners = List.copyOf(extraListeners);
            if (historyFolder == null) {
                historyFolder = outputFolder.resolve(AllureHistory.FOLDER);
            }
        }

        /** Options whose trend history is kept in {@code .history} in the output folder. */
        public Options(Path outputFolder, long seed, Path routesDir, Map<String, String> environment,
                       PrintStream console, List<RunListener> extraListeners, boolean html, Clock clock,
                       StopSignal stop) {
            this(outputFolder, seed, routesDir, environment, console, extraListeners, html, clock, stop, null);
        }

        /** The usual options: no HTML, the system clock, a stop signal nobody triggers. */
        public static Options of(Path outputFolder, long seed, Map<String, String> environment, PrintStream console,
                                 List<RunListener> extraListeners) {
            return new Options(outputFolder, seed, Path.of("routes"), environment, console, extraListeners, false,
                    Clock.systemUTC(), new StopSignal());
        }
    }

    /**
     * A finished run as the command line sees it.
     *
     * @param result         cases and verdicts
     * @param reportFailures reports that could not be written (then the results are incomplete)
     * @param html           what rendering the HTML did; null when it was not asked for
     * @param leftChanged    what configuration variants changed on the cluster and could not put
     *                       back (empty: the cluster is as it was found)
     * @param comparison     the run held against its pipeline's baseline; empty when the pipeline names
     *                       none or there was none to compare with yet
     */
    public record Outcome(RunResult result, List<String> reportFailures, AllureHtml.Outcome html,
                          List<String> leftChanged, Optional<BaselineComparison> comparison) {

        public Outcome {
            reportFailures = List.copyOf(reportFailures);
            leftChanged = List.copyOf(leftChanged);
            Objects.requireNonNull(comparison, "comparison");
        }

        /**
         * The verdict's exit code; 1 when the run passed its objectives but regressed against its baseline;
         * 3 when a report could not be written or the cluster is left changed.
         */
        public int exitCode() {
            if (!reportFailures.isEmpty() || !leftChanged.isEmpty()) {
                return Main.EXIT_BROKEN;
            }
            int verdict = result.verdict().exitCode();
            return verdict == Main.EXIT_PASS && comparison.filter(BaselineComparison::regressed).isPresent()
                    ? Main.EXIT_FAIL : verdict;
        }
    }

    private PipelineRunner() {
    }

    public static Outcome run(Pipeline pipeline, Options options) {
        Clock clock = options.clock();
        // target and credentials first: a missing secret or key fails before any folder exists
        try (ClusterTarget target = target(pipeline, options);
             JschRemoteShell ssh = openShell(target)) {
            RunFolder folder = RunFolder.create(options.outputFolder(), pipeline.name() + "-"
                    + RUN_STAMP.format(clock.instant()) + "-" + String.format("%04x", options.seed() & 0xffff));
            folder.keepPipeline(pipeline.source());
            RunInfo info = new RunInfo(folder.runId(), pipeline.name(), pipeline.source(), target.name(),
                    options.seed(), folder.root(), clock.instant(), Matrix.runOrder(pipeline, options.seed()));

            AtomicReference<RunResult> finished = new AtomicReference<>();
            BaselineCheck baseline = pipeline.compare().map(c -> new BaselineCheck(folder.root(), c.baselineFolder(),
                    new RunComparison.Settings(c.noise(), c.alpha()), options.console(), clock)).orElse(null);
            AllureHtmlReport html = options.html()
                    ? new AllureHtmlReport(folder.root(), options.historyFolder(), AllureHistory.DEFAULT_RUNS) : null;
            List<RunListener> listeners = reports(folder, new ConsoleReport(options.console(), clock),
                    options.console(), baseline, html);
            listeners.addAll(options.extraListeners());
            listeners.add(new RunListener() {
                @Override
                public void runFinished(RunResult result) {
                    finished.set(result);
                }
            });
            RunEvents events = new RunEvents(listeners);
            events.runStarted(info);

            RecordingShell recording = new RecordingShell(ssh, folder);
            PveCliClusterPort cluster = new PveCliClusterPort(recording, target.hosts(), pipeline.commandTimeout(),
                    pipeline.provisionTimeout());
            // the one Proxmox port serves as cluster, VM, migration and scheduler port
            RunContext run = new RunContext(pipeline, info, folder, events, recording, cluster, cluster, cluster,
                    cluster, new PveCliFaultPort(recording, target.hosts(), pipeline.commandTimeout()),
                    new AgentGuestPort(recording, target.hosts()), clock,
                    clusterClock(target, cluster, options), options.stop());
            List<String> leftChanged;
            try {
                RouteFlow.run(run, options.routesDir());
            } finally {
                // the routes' restore stage has normally done this; a route file without it must not leave a change
                leftChanged = RestoreStage.restore(run);
            }
            RunResult result = finished.get();
            if (result == null) {
                // the routes ended without their report stage: report what finished, and say so
                result = ReportStage.result(run);
                events.runFinished(result);
            }
            return new Outcome(result, events.failures(), html == null ? null : html.outcome(), leftChanged,
                    baseline == null ? Optional.empty() : baseline.comparison());
        } finally {
            options.stop().finished();
        }
    }

    /**
     * The listeners that write a run's reports into its folder (summary, Allure results, JUnit
     * XML, matrix; the HTML report last, when not null), with {@code progress} among them: one
     * list for a run and for judging a run again ({@link ReportCommand}), so both write the same
     * files the same way.
     */
    static List<RunListener> reports(RunFolder folder, RunListener progress, PrintStream console,
                                     BaselineCheck baseline, AllureHtmlReport html) {
        List<RunListener> listeners = new ArrayList<>(List.of(new SummaryJson(folder), new AllureResults(folder),
                new JunitXml(folder), progress, new MatrixSummary(folder, console)));
        // after the summary (it finds the last passing run by it), before the HTML (which renders the comparison)
        if (baseline != null) {
            listeners.add(baseline);
        }
        if (html != null) {
            listeners.add(html);
        }
        return listeners;
    }

    /**
     * The cluster's clock; when the cluster cannot be asked (a node down), this machine's,
     * said on the console: preflight reports the unreachable node itself.
     */
    private static ClusterClock clusterClock(ClusterTarget target, ClusterPort cluster, Options options) {
        try {
            return target.clock().apply(cluster);
        } catch (SshException | ProxmoxException e) {
            options.console().println("cannot read the clock of cluster '" + target.name() + "' (" + e.getMessage()
                    + "); stamping with this machine's clock");
            return ClusterClock.realTime(options.clock());
        }
    }

    private static JschRemoteShell openShell(ClusterTarget target) {
        try {
            return new JschRemoteShell(target.ssh());
        } catch (SshException e) {
            throw new InvalidInputException("cannot use the SSH settings of cluster '" + target.name() + "': "
                    + e.getMessage());
        }
    }

    private static ClusterTarget target(Pipeline pipeline, Options options) {
        if (pipeline.cluster() instanceof TwinCluster twin) {
            return TwinTarget.start(twin, pipeline.vmSpecs(), options.seed());
        }
        return InventoryTarget.of(((InventoryCluster) pipeline.cluster()).definition(), options.environment(),
                options.clock());
    }
}
