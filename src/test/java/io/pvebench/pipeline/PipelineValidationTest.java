package io.pvebench.pipeline;

import static io.pvebench.pipeline.Fixtures.broken;
import static io.pvebench.pipeline.Fixtures.pipelineProblems;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PipelineValidationTest {

    @Test
    void unknownKeysSuggestTheNearestKnownOneOrListTheAllowedOnes() {
        Path file = broken("unknown-keys.yaml");

        assertThat(pipelineProblems(file)).containsExactly(
                file + ":2:1: unknown key 'repetitons' in pipeline\n  hint: did you mean 'repetitions'?",
                file + ":4:5: missing required key 'vmSpecs[0].cores'",
                file + ":5:5: unknown key 'cors' in vmSpecs[0]\n  hint: did you mean 'cores'?",
                file + ":8:1: unknown key 'colour' in pipeline\n  hint: allowed keys: name, description, cluster, "
                        + "twin, vmSpecs, scenarios, loads, variants, repetitions, measure, migration, balance, failover, objectives, timeouts, schedule, compare");
    }

    @Test
    void wrongTypesNameTheKeyAndWhatWasFound() {
        Path file = broken("wrong-types.yaml");

        assertThat(pipelineProblems(file)).containsExactly(
                file + ":2:14: 'repetitions' must be an integer, got 'two'",
                file + ":3:12: 'scenarios' must be a list, got 'idle'\n  hint: e.g. scenarios: [idle]",
                file + ":5:3: 'vmSpecs' must be a list, got a mapping\n"
                        + "  hint: e.g. vmSpecs: [{name: small, cores: 4, memory: 4 GiB, vms: [101, 102]}]",
                file + ":6:10: 'measure' must be a mapping of keys to values, got a list");
    }

    @Test
    void missingRequiredKeysPointAtTheEnclosingMapping() {
        Path file = broken("missing-keys.yaml");

        assertThat(pipelineProblems(file)).containsExactly(
                file + ":2:1: missing required key 'name'",
                file + ":2:1: missing required key 'vmSpecs'");
    }

    @Test
    void reportsEveryRangeAndFormatProblemOfAFileAtOnce() {
        Path file = broken("ranges.yaml");

        assertThat(pipelineProblems(file)).containsExactly(
                file + ":2:14: 'repetitions' must be between 1 and 1000, got 0",
                file + ":5:12: 'vmSpecs[0].cores' must be between 1 and 512, got 0",
                file + ":6:13: 'vmSpecs[0].memory': bad size '4 GB!'\n  hint: accepted units: B, KB, MB, GB, TB "
                        + "(powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024), e.g. '4 GiB'",
                file + ":7:10: 'vmSpecs[0].vms' must list 2 to 16 VM ids, got 1\n"
                        + "  hint: the first VM serves (iperf3 server, ping target), the second is the client; more"
                        + " VMs only carry the same load",
                file + ":8:11: duplicate vmSpec name 'small'\n  hint: already used at line 4",
                file + ":11:11: 'vmSpecs[1].vms[0]' must be between 100 and 999999999, got 99",
                file + ":11:15: 'vmSpecs[1].vms[1]' must be between 100 and 999999999, got 99",
                file + ":12:19: unknown scenario 'idel'\n  hint: did you mean 'idle'?",
                file + ":14:22: 'measure.iperf3.duration' must be between 1s and 1h, got 2h",
                file + ":15:31: 'measure.ping.interval': bad duration '5'\n"
                        + "  hint: accepted units: ms, s, m, h, e.g. '10s' or '200ms'",
                file + ":17:3: unknown metric 'troughput' in objectives\n  hint: did you mean 'throughput'?",
                file + ":18:21: 'objectives.packetLoss.max' must be between 0 % and 100 %, got 150 %",
                file + ":19:11: 'objectives.rttAvg': min 5 ms is greater than max 1 ms",
                file + ":20:27: 'objectives.throughputSender.min': bad bit rate '9 Gbps'\n  hint: accepted units: "
                        + "bit/s, Kbit/s, Mbit/s, Gbit/s, Tbit/s (powers of 1000), e.g. '9 Gbit/s'",
                file + ":22:12: 'timeouts.command' must be between 1s and 24h, got 0s");
    }

    @Test
    void objectivesOnAStatisticNameAnUnknownStatisticAndCheckTheirBoundsAsTheOthers() {
        Path file = broken("statistics.yaml");

        assertThat(pipelineProblems(file)).containsExactly(
                file + ":8:3: unknown statistic 'average' in 'objectives.throughput.average'\n"
                        + "  hint: known statistics: mean, median, min, max, stdev, p05, p95, ci95Low, ci95High",
                file + ":9:3: unknown statistic 'maen' in 'objectives.rttAvg.maen'\n  hint: did you mean 'mean'?",
                file + ":10:3: unknown metric 'troughput' in objectives\n  hint: did you mean 'throughput'?",
                file + ":11:21: 'objectives.rttAvg.p95.max': bad time '1 parsec'\n"
                        + "  hint: accepted units: us, ms, s, e.g. '1 ms'",
                file + ":12:25: 'objectives.packetLoss.max.max' must be between 0 % and 100 %, got 150 %",
                file + ":13:19: 'objectives.throughput.p05': min 10 Gbit/s is greater than max 9 Gbit/s",
                file + ":14:15: 'objectives.rttMax.p95' must be a mapping of keys to values, got '1 ms'",
                file + ":15:3: unknown statistic '' in 'objectives.throughput.'\n"
                        + "  hint: known statistics: mean, median, min, max, stdev, p05, p95, ci95Low, ci95High");
    }

    @Test
    void checksTheTwinAndRefusesValuesWithoutUnits() {
        Path file = broken("twin-values.yaml");

        assertThat(pipelineProblems(file)).containsExactly(
                file + ":3:10: 'twin.nodes' must be between 1 and 32, got 33",
                file + ":4:8: 'twin.pve' must be one of 9.2, 8.4, got '9.1'\n  hint: the twin has a version profile "
                        + "for each of these Proxmox VE releases; quote it: pve: \"9.2\"",
                file + ":5:14: 'twin.timeScale' must be greater than 0, got 0",
                file + ":7:12: 'vmSpecs[0].name' must match [a-z0-9][a-z0-9-]*, got 'Small'\n"
                        + "  hint: use lowercase letters, digits and '-', starting with a letter or digit",
                file + ":7:26: 'vmSpecs[0].cores' must be an integer, got '4'",
                file + ":7:39: 'vmSpecs[0].memory': bad size '4096'\n  hint: accepted units: B, KB, MB, GB, TB "
                        + "(powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024), e.g. '4 GiB'",
                file + ":7:50: 'vmSpecs[0].vms' must be a list, got '101'\n  hint: e.g. vmSpecs[0].vms: [101, 102]");
    }

    @Test
    void aMissingClusterFileIsReportedAtTheClusterValue() {
        Path file = broken("cluster-not-found.yaml");

        assertThat(pipelineProblems(file)).containsExactly(
                file + ":2:10: cluster file 'clusters/nope.yaml' not found\n  hint: looked for "
                        + broken("clusters/nope.yaml") + "; 'cluster: twin' runs the pipeline on the embedded twin",
                file + ":3:1: 'twin' only applies to 'cluster: twin'\n  hint: remove 'twin', or set 'cluster: twin'");
    }

    @Test
    void reportsTheClusterFilesProblemsAfterThePipelinesOwn() {
        Path file = broken("bad-cluster.yaml");
        Path cluster = broken("clusters/secret.yaml");

        List<String> problems = pipelineProblems(file);

        assertThat(problems).hasSize(7);
        assertThat(problems.get(0)).isEqualTo(file + ":5:14: 'repetitions' must be between 1 and 1000, got 0");
        assertThat(problems.subList(1, 7)).allMatch(p -> p.startsWith(cluster + ":"));
        assertThat(problems).contains(cluster + ":7:3: 'ssh.password' is not allowed: secrets never go into files "
                + "that get committed\n  hint: put it in an environment variable named by 'passwordEnv', "
                + "or in a file only you can read, named by 'passwordFile'");
    }

    @Test
    void aYamlSyntaxErrorIsOneProblemAtItsPlace() {
        Path file = broken("syntax-error.yaml");

        assertThat(pipelineProblems(file))
                .containsExactly(file + ":4:13: YAML syntax error: mapping values are not allowed here");
    }

    @Test
    void aSyntaxErrorInsideAFlowListHintsWhereTheListStarted() {
        Path file = broken("unclosed-list.yaml");

        assertThat(pipelineProblems(file)).containsExactly(file + ":5:10: YAML syntax error: expected ',' or ']', "
                + "but got :\n  hint: while parsing a flow sequence started at line 4, column 10");
    }

    @Test
    void anAliasOfAScalarIsOneProblem() {
        Path file = broken("scalar-alias.yaml");

        assertThat(pipelineProblems(file)).containsExactly(file + ":9:13: cannot resolve YAML alias '*memory'\n  hint: "
                + "anchors work on lists and mappings defined before the alias; write a single value out in full");
    }

    @Test
    void tabIndentationIsASyntaxError() {
        Path file = broken("tabs.yaml");

        assertThat(pipelineProblems(file)).containsExactly(file + ":3:1: YAML syntax error: found character "
                + "'\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)");
    }

    @Test
    void anEmptyFileSaysWhatAPipelineNeeds() {
        Path file = broken("empty.yaml");

        assertThat(pipelineProblems(file)).containsExactly(
                file + ":1:1: empty pipeline file\n  hint: a pipeline needs at least 'name' and 'vmSpecs'");
    }

    @Test
    void aFileThatIsNotAMappingIsRejected() {
        Path file = broken("not-a-mapping.yaml");

        assertThat(pipelineProblems(file)).containsExactly(file + ":1:1: a pipeline file must be a mapping of keys "
                + "to values, got a list\n  hint: a pipeline needs at least 'name' and 'vmSpecs'");
    }

    @Test
    void aDuplicateKeyIsReportedWhereItRepeats() {
        Path file = broken("duplicate-key.yaml");

        assertThat(pipelineProblems(file))
                .containsExactly(file + ":4:1: duplicate key 'name'\n  hint: 'name' is already set at line 1; keep one");
    }

    @Test
    void aSecondYamlDocumentIsRejected() {
        Path file = broken("two-documents.yaml");

        assertThat(pipelineProblems(file)).containsExactly(file + ":5:1: more than one YAML document in a pipeline "
                + "file\n  hint: remove the '---' separator and everything after it, or move it to its own file");
    }

    @Test
    void aMissingPipelineFileIsOneProblem() {
        Path file = broken("no-such-pipeline.yaml");

        assertThat(pipelineProblems(file)).containsExactly(file + ":1:1: pipeline file not found");
    }

    @Test
    void everyBrokenFixtureFailsWithProblemsAndNoOtherException() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.ROOT.resolve("broken"))) {
            files.filter(f -> f.toString().endsWith(".yaml"))
                    .forEach(f -> assertThat(pipelineProblems(f)).as(f.toString()).isNotEmpty());
        }
    }

    @Test
    void migrationSettingsNameEveryBadValueWithItsPosition() {
        Path file = broken("migration.yaml");

        assertThat(pipelineProblems(file)).containsExactly(
                file + ":5:7: migration.at (90 s) must be before the end of migration.observe (60 s)\n"
                        + "  hint: the probes run for 'observe'; start the migration early enough that they see it end",
                file + ":7:11: migration target 'pve7' is not a node of the cluster\n  hint: one of pve1, pve2",
                file + ":8:18: 'local lvm' is not a storage id\n  hint: a storage id such as local-lvm, or"
                        + " SOURCE:TARGET",
                file + ":9:21: '10.10.10.0' is not a network in CIDR notation\n  hint: for example 10.10.10.0/24",
                file + ":10:12: 'migration.bwlimit' must be between 0 and 2147483647, got -5",
                file + ":11:3: unknown key 'probEvery' in migration\n  hint: did you mean 'probeEvery'?",
                file + ":12:9: 'migration.move' must be one of all, evacuate, server, got 'everything'");
    }

    @Test
    void balanceSettingsNameEveryBadValueWithItsPosition() {
        Path file = broken("balance.yaml");

        assertThat(pipelineProblems(file)).containsExactly(
                file + ":7:13: 'balance.balancer' must be one of native, observe, threshold, got 'proxlb'\n"
                        + "  hint: a balancer outside pvebench, such as ProxLB, is watched with 'balancer: observe'",
                file + ":8:12: 'balance.startOn': 'pve9' is not a node of the cluster\n  hint: one of pve1, pve2",
                file + ":9:10: 'balance.watch' must be between 10s and 24h, got 5s",
                file + ":11:15: 'balance.crs.mode' must be one of dynamic, static, got 'basic'\n"
                        + "  hint: the basic scheduler counts services and never rebalances; PVE 9.2 rebalances in"
                        + " static or dynamic",
                file + ":11:33: 'balance.crs.threshold' must be between 0 % and 100 %, got 130",
                file + ":12:35: 'balance.policy.margin' (50 %) must be below 'balance.policy.threshold' (40 %), and"
                        + " the threshold above 0\n  hint: a node is relieved once below threshold - margin");
    }
}
