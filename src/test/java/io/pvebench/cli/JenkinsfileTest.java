package io.pvebench.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The Jenkinsfile calls only pvebench commands that exist and that README documents, with options they take. */
class JenkinsfileTest {

    private static final Pattern CALL = Pattern.compile("java -jar target/pvebench\\.jar (\\w+)([^'\\n]*)'");

    @Test
    void everyPvebenchCommandInTheJenkinsfileExistsAndIsDocumented() throws Exception {
        String jenkinsfile = Files.readString(Path.of("Jenkinsfile"));
        String readme = Files.readString(Path.of("README.md"));
        CommandLine cli = new CommandLine(new Main(Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream())));
        List<String> seen = new ArrayList<>();
        Matcher m = CALL.matcher(jenkinsfile);
        while (m.find()) {
            String command = m.group(1);
            seen.add(command);
            assertThat(cli.getSubcommands()).as("pvebench " + command).containsKey(command);
            assertThat(readme).as("README documents pvebench " + command).contains("`pvebench " + command);
            CommandLine sub = cli.getSubcommands().get(command);
            Matcher option = Pattern.compile(" (--[a-z-]+)").matcher(m.group(2));
            while (option.find()) {
                assertThat(sub.getCommandSpec().optionsMap()).as("pvebench " + command + " " + option.group(1))
                        .containsKey(option.group(1));
            }
        }
        assertThat(seen).contains("run", "validate", "compare");
        // and the two set-up commands it builds and tests with are README's
        assertThat(jenkinsfile).contains("mvn -B -q -DskipTests package").contains("mvn -B -q verify");
        assertThat(readme).contains("mvn -q -DskipTests package").contains("mvn -q verify");
    }
}
