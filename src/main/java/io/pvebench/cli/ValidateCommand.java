package io.pvebench.cli;

import io.pvebench.pipeline.ClusterLoader;
import io.pvebench.pipeline.InvalidPipelineException;
import io.pvebench.pipeline.Matrix;
import io.pvebench.pipeline.Pipeline;
import io.pvebench.pipeline.PipelineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pvebench validate FILE...}: checks pipeline files (and the cluster files they
 * name) without connecting to anything. Files in a {@code clusters/} folder, or all files
 * with {@code --cluster}, are checked as cluster files.
 */
@Command(name = "validate", description = "Check pipeline or cluster files without running them.")
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "pipeline or cluster files")
    private List<Path> files;

    @Option(names = "--cluster", description = "treat every FILE as a cluster file")
    private boolean cluster;

    @Override
    public Integer call() {
        int exit = Main.EXIT_PASS;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                main.err.println(file + ": no such file");
                exit = Main.EXIT_INVALID;
                continue;
            }
            try {
                if (cluster || isInClustersFolder(file)) {
                    var def = ClusterLoader.load(file);
                    main.out.printf("%s: ok (cluster '%s', %d node(s))%n", file, def.name(), def.nodes().size());
                } else {
                    Pipeline pipeline = PipelineLoader.load(file);
                    main.out.printf("%s: ok (pipeline '%s', %d case(s))%n", file, pipeline.name(),
                            Matrix.expand(pipeline).size());
                }
            } catch (InvalidPipelineException invalid) {
                main.printProblems(invalid);
                exit = Main.EXIT_INVALID;
            }
        }
        return exit;
    }

    private static boolean isInClustersFolder(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("clusters");
    }
}
