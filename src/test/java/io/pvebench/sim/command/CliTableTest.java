package io.pvebench.sim.command;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;

import static io.pvebench.sim.command.ApiSchema.opt;
import static io.pvebench.sim.command.ApiSchema.req;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * pvesh's text output against real published tables (src/test/resources/sim/pvesh/, see
 * SOURCES.md) and against the rules of pve-common {@code src/PVE/CLIFormatter.pm}
 * ({@code print_api_result}, {@code print_text_table}, {@code data_to_text}) and
 * {@code src/PVE/Format.pm}.
 */
class CliTableTest {

    private static final CliTable.Options DEFAULT = CliTable.Options.defaults();
    private static final long GIB = 1L << 30;

    private static String sample(String name) throws IOException {
        try (InputStream in = CliTableTest.class.getResourceAsStream("/sim/pvesh/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The vmlist schema of the qemu-server that printed the sample (PVE 6: fewer properties than today). */
    private static final ApiSchema OLD_VMLIST = ApiSchema.list(List.of(req("vmid", "integer"), req("status", "string"),
            opt("cpus", "number"), opt("lock", "string"), opt("maxdisk", "integer").renderer("bytes"),
            opt("maxmem", "integer").renderer("bytes"), opt("name", "string"), opt("pid", "integer"),
            opt("qmpstatus", "string"), opt("tags", "string"), opt("uptime", "integer").renderer("duration")));

    @Test
    void aVmListIsTheRealTableColumnForColumn() throws IOException {
        List<JsonObject> vms = List.of(
                new JsonObject().put("vmid", 101).put("status", "running").put("cpus", 1).put("maxdisk", 50 * GIB)
                        .put("maxmem", GIB).put("name", "DebianServer").put("pid", 25636).put("uptime", 759)
                        .put("disk", 0),
                new JsonObject().put("vmid", 100).put("status", "running").put("cpus", 2).put("maxdisk", 100 * GIB)
                        .put("maxmem", GIB).put("name", "Debian").put("pid", 8563).put("uptime", 7228));

        assertThat(CliTable.print(vms, OLD_VMLIST, DEFAULT)).isEqualTo(sample("qemu-list.txt"));
    }

    /** pve-manager's resources item schema when the sample was printed (PVE 6: mem and disk typed string, so left-aligned). */
    private static final ApiSchema PVE6_RESOURCES = ApiSchema.list(List.of(req("id", "string"),
            req("type", "string"), opt("status", "string"), opt("node", "string"), opt("storage", "string"),
            opt("pool", "string"), opt("cpu", "number").renderer("fraction_as_percentage"), opt("maxcpu", "number"),
            opt("mem", "string").renderer("bytes"), opt("maxmem", "integer").renderer("bytes"),
            opt("level", "string"), opt("uptime", "integer").renderer("duration"), opt("hastate", "string"),
            opt("disk", "string").renderer("bytes"), opt("maxdisk", "integer").renderer("bytes")));

    @Test
    void clusterResourcesIsTheRealTableSortedByIdWithRenderedBytesPercentagesAndDurations() throws IOException {
        List<JsonObject> resources = List.of(
                vm(100, 0.0129, 2, 100 * GIB, GIB, 418759311L, 6014),
                vm(101, 0.0257, 1, 50 * GIB, 512L << 20, 166891356L, 439),
                new JsonObject().put("id", "node/pve").put("type", "node").put("node", "pve").put("status", "online")
                        .put("cpu", 0.0171).put("maxcpu", 8).put("mem", 2866890670L).put("maxmem", 8267812045L)
                        .put("disk", 2330019758L).put("maxdisk", 29195040195L).put("level", "").put("uptime", 8387),
                storage("local", 2330019758L, 29195040195L),
                storage("local-lvm", 5153960755L, 65133179044L),
                storage("wd1t", 6614249636L, 983429399183L));

        assertThat(CliTable.print(resources, PVE6_RESOURCES, DEFAULT)).isEqualTo(sample("cluster-resources.txt"));
    }

    private static JsonObject vm(int vmid, double cpu, int cores, long maxdisk, long maxmem, long mem, int uptime) {
        return new JsonObject().put("id", "qemu/" + vmid).put("vmid", vmid).put("type", "qemu").put("node", "pve")
                .put("status", "running").put("name", "vm").put("cpu", cpu).put("maxcpu", cores).put("mem", mem)
                .put("maxmem", maxmem).put("disk", 0).put("maxdisk", maxdisk).put("uptime", uptime);
    }

    private static JsonObject storage(String id, long disk, long maxdisk) {
        return new JsonObject().put("id", "storage/pve/" + id).put("storage", id).put("type", "storage")
                .put("node", "pve").put("status", "available").put("disk", disk).put("maxdisk", maxdisk);
    }

    @Test
    void anObjectIsAKeyValueTableSortedByKeyWithNestedDataAsJson() throws IOException {
        JsonObject status = new JsonObject().put("vmid", 101).put("status", "running").put("cpus", 1)
                .put("maxdisk", 50 * GIB).put("maxmem", GIB).put("name", "DebianServer").put("pid", 25636)
                .put("qmpstatus", "running").put("uptime", 859).put("ha", new JsonObject().put("managed", 0));
        ApiSchema schema = ApiSchema.object(List.of(req("vmid", "integer"), req("status", "string"),
                opt("cpus", "number"), opt("maxdisk", "integer").renderer("bytes"),
                opt("maxmem", "integer").renderer("bytes"), opt("name", "string"), opt("pid", "integer"),
                opt("qmpstatus", "string"), opt("uptime", "integer").renderer("duration"), req("ha", "object")));

        assertThat(CliTable.print(status, schema, DEFAULT)).isEqualTo(sample("qemu-status-current.txt"));
    }

    @Test
    void onlyTheSchemasPropertiesArePrintedAndEveryOneOfThemIsAColumn() {
        ApiSchema schema = ApiSchema.list(List.of(req("id", "string"), opt("b", "string"), opt("a", "string")));
        String out = CliTable.print(List.of(new JsonObject().put("id", "x").put("extra", 1)), schema, DEFAULT);

        assertThat(out).isEqualTo("""
                ┌────┬───┬───┐
                │ id │ a │ b │
                ╞════╪═══╪═══╡
                │ x  │   │   │
                └────┴───┴───┘
                """);
    }

    @Test
    void withoutASchemaTheColumnsAreEveryKeySortedAndRowsSortAsStrings() {
        String out = CliTable.print(List.of(new JsonObject().put("n", 10).put("t", "b"),
                new JsonObject().put("n", 9).put("t", "a")), null, DEFAULT);

        assertThat(out).isEqualTo("""
                ┌────┬───┐
                │ n  │ t │
                ╞════╪═══╡
                │ 10 │ b │
                ├────┼───┤
                │ 9  │ a │
                └────┴───┘
                """);
    }

    @Test
    void aNumericFirstColumnSortsNumericallyAndAlignsRight() {
        ApiSchema schema = ApiSchema.list(List.of(req("n", "integer"), req("t", "string")));
        String out = CliTable.print(List.of(new JsonObject().put("n", 10).put("t", "b"),
                new JsonObject().put("n", 9).put("t", "a")), schema, DEFAULT);

        assertThat(out).isEqualTo("""
                ┌────┬───┐
                │  n │ t │
                ╞════╪═══╡
                │  9 │ a │
                ├────┼───┤
                │ 10 │ b │
                └────┴───┘
                """);
    }

    @Test
    void noborderPadsAllButTheLastColumnAndNoheaderDropsTheTitlesButNotTheirWidth() {
        ApiSchema schema = ApiSchema.list(List.of(req("id", "string"), req("name", "string").title("Name")));
        List<JsonObject> rows = List.of(new JsonObject().put("id", "node/pve2").put("name", "b"),
                new JsonObject().put("id", "node/pve1").put("name", "a"));

        assertThat(CliTable.print(rows, schema, new CliTable.Options(true, false, true, true, ZoneOffset.UTC)))
                .isEqualTo("id        Name\nnode/pve1 a\nnode/pve2 b\n");
        assertThat(CliTable.print(rows, schema, new CliTable.Options(true, true, true, true, ZoneOffset.UTC)))
                .isEqualTo("node/pve1 a\nnode/pve2 b\n");
        assertThat(CliTable.print(rows, schema, new CliTable.Options(false, true, true, true, ZoneOffset.UTC)))
                .isEqualTo("""
                        ┌───────────┬──────┐
                        │ node/pve1 │ a    │
                        ├───────────┼──────┤
                        │ node/pve2 │ b    │
                        └───────────┴──────┘
                        """);
    }

    @Test
    void theAsciiStyleUsesPlusRulesAndLeavesASingleColumnsHeaderRuleOpen() {
        CliTable.Options ascii = new CliTable.Options(false, false, true, false, ZoneOffset.UTC);
        ApiSchema one = ApiSchema.list(List.of(req("name", "string")));

        assertThat(CliTable.print(List.of(new JsonObject().put("name", "log")), one, ascii))
                .isEqualTo("+------+\n| name |\n+======\n| log  |\n+------+\n");
        ApiSchema two = ApiSchema.list(List.of(req("a", "string"), req("b", "string")));
        assertThat(CliTable.print(List.of(new JsonObject().put("a", "x").put("b", "y")), two, ascii))
                .isEqualTo("+---+---+\n| a | b |\n+===+===+\n| x | y |\n+---+---+\n");
    }

    @Test
    void renderersFollowPveFormat() {
        assertThat(CliTable.render("bytes", 0, DEFAULT)).isEqualTo("0.00 B");
        assertThat(CliTable.render("bytes", 1023, DEFAULT)).isEqualTo("1023.00 B");
        assertThat(CliTable.render("bytes", 1536, DEFAULT)).isEqualTo("1.50 KiB");
        assertThat(CliTable.render("bytes", 8L << 30, DEFAULT)).isEqualTo("8.00 GiB");
        assertThat(CliTable.render("fraction_as_percentage", 0.0484, DEFAULT)).isEqualTo("4.84%");
        assertThat(CliTable.render("fraction_as_percentage", 0, DEFAULT)).isEqualTo("0.00%");
        // auto_limit_accuracy is CLIFormatter's (true) options hash: no seconds once there
        // are days, no minutes once there are weeks
        assertThat(CliTable.render("duration", 0, DEFAULT)).isEqualTo("0s");
        assertThat(CliTable.render("duration", 7228, DEFAULT)).isEqualTo("2h 28s");
        assertThat(CliTable.render("duration", 3 * 86400 + 4 * 3600 + 5 * 60 + 6, DEFAULT)).isEqualTo("3d 4h 5m");
        assertThat(CliTable.render("duration", 9 * 86400 + 3600 + 60, DEFAULT)).isEqualTo("1w 2d 1h");
        assertThat(CliTable.render("timestamp", 1_700_000_000L, DEFAULT)).isEqualTo("2023-11-14 22:13:20");
    }

    @Test
    void humanReadableZeroPrintsRawValuesAndBooleansStayAsGiven() {
        CliTable.Options raw = new CliTable.Options(false, false, false, true, ZoneOffset.UTC);
        ApiSchema.Prop mem = opt("mem", "integer").renderer("bytes");

        assertThat(CliTable.text(1536L, mem, raw)).isEqualTo("1536");
        assertThat(CliTable.text(1536L, mem, DEFAULT)).isEqualTo("1.50 KiB");
        assertThat(CliTable.text(Boolean.TRUE, opt("shared", "boolean"), DEFAULT)).isEqualTo("1");
        assertThat(CliTable.text(0.123456789, opt("cpu", "number"), DEFAULT)).isEqualTo("0.123456789");
    }

    @Test
    void scalarsArePrintedAsALineAndEmptyListsAsNothing() {
        assertThat(CliTable.print("UPID:pve1:0000ABCD:00000001:65000000:qmstart:100:root@pam:", null, DEFAULT))
                .isEqualTo("UPID:pve1:0000ABCD:00000001:65000000:qmstart:100:root@pam:\n");
        assertThat(CliTable.print(List.of(), ApiSchema.list(List.of(req("id", "string"))), DEFAULT)).isEmpty();
        // a list of scalars is a headerless 'value' column, still as wide as its title
        assertThat(CliTable.print(List.of("a", "b"), null, DEFAULT)).isEqualTo("""
                ┌───────┐
                │ a     │
                ├───────┤
                │ b     │
                └───────┘
                """);
    }
}
