package io.pvebench.cli;

import io.pvebench.stage.AssessStage;
import io.pvebench.stage.LoadStage;
import io.pvebench.stage.MeasureStage;
import io.pvebench.stage.BalanceStage;
import io.pvebench.stage.MigrateStage;
import io.pvebench.stage.UnloadStage;
import io.pvebench.stage.CollectStage;
import io.pvebench.stage.ConfigureStage;
import io.pvebench.stage.DeprovisionStage;
import io.pvebench.stage.FailoverStage;
import io.pvebench.stage.HealStage;
import io.pvebench.stage.OrphansStage;
import io.pvebench.stage.ProvisionStage;
import io.pvebench.stage.RestoreStage;
import io.pvebench.stage.Faults;
import io.pvebench.stage.PreflightStage;
import io.pvebench.stage.ReportStage;
import io.pvebench.stage.RunContext;
import io.pvebench.stage.SetupStage;
import io.pvebench.stage.TeardownStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StartupSummaryLevel;
import org.apache.camel.main.Main;

/**
 * Boots Camel Main with the route files and the stage beans, and sends one run through
 * {@code direct:run}. The routes decide the order of stages; this class only binds the
 * beans under the names the routes use. Route files come from {@code routes/} in the
 * working directory when it exists (users edit them), otherwise from the copies in the jar.
 */
public final class RouteFlow {

    private RouteFlow() {
    }

    /** The beans the routes refer to, by the names they use. */
    static Map<String, Object> stageBeans() {
        Map<String, Object> beans = new LinkedHashMap<>();
        beans.put("heal", new HealStage());
        beans.put("orphans", new OrphansStage());
        beans.put("provision", new ProvisionStage());
        beans.put("deprovision", new DeprovisionStage());
        beans.put("preflight", new PreflightStage());
        beans.put("setup", new SetupStage());
        beans.put("configure", new ConfigureStage());
        beans.put("load", new LoadStage());
        beans.put("balance", new BalanceStage());
        beans.put("migrate", new MigrateStage());
        beans.put("failover", new FailoverStage());
        beans.put("measure", new MeasureStage());
        beans.put("unload", new UnloadStage());
        beans.put("collect", new CollectStage());
        beans.put("teardown", new TeardownStage());
        AssessStage assess = new AssessStage();
        beans.put("assess", assess);
        beans.put("restore", new RestoreStage());
        beans.put("report", new ReportStage());
        beans.put("faults", new Faults(assess));
        return beans;
    }

    /** {@code file:DIR/*.yaml} for a routes folder on disk, or the routes bundled in the jar. */
    static String routesPattern(Path routesDir) {
        if (routesDir != null && Files.isDirectory(routesDir)) {
            return "file:" + routesDir.toAbsolutePath().normalize() + "/*.yaml";
        }
        return "classpath:routes/*.yaml";
    }

    /** Runs the whole flow for {@code run}; returns when the report stage has finished. */
    public static void run(RunContext run, Path routesDir) {
        Main main = new Main();
        main.configure().withRoutesIncludePattern(routesPattern(routesDir));
        main.configure().setStartupSummaryLevel(StartupSummaryLevel.Off);
        main.configure().setJmxEnabled(false);
        stageBeans().forEach(main::bind);
        try {
            main.start();
            try (ProducerTemplate producer = main.getCamelContext().createProducerTemplate()) {
                producer.sendBody("direct:run", run);
            }
        } catch (Exception e) {
            throw new FlowException("the route flow failed: " + e.getMessage(), e);
        } finally {
            main.stop();
        }
    }
}
