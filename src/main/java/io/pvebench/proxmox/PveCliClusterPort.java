package io.pvebench.proxmox;

import io.pvebench.measure.IpLink;
import io.pvebench.measure.IpLinkJson;
import io.pvebench.measure.LoadAverage;
import io.pvebench.pipeline.BondMode;
import io.pvebench.ssh.CommandResult;
import io.pvebench.ssh.RemoteShell;
import io.pvebench.ssh.SshHosts;
import io.pvebench.ssh.ShellQuote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@link ClusterPort}, {@link VmPort}, {@link MigrationPort} and {@link SchedulerPort} over Proxmox's command-line tools on the nodes,
 * through a {@link RemoteShell}. Cluster-wide questions go to the first node that answers, so a
 * run survives a node that is down. Thread-safe when its shell is.
 */
public final class PveCliClusterPort implements ClusterPort, VmPort, MigrationPort, SchedulerPort {

    /** pve-common {@code $PVE_TAG_RE}. */
    private static final Pattern TAG = Pattern.compile("[a-z0-9_][a-z0-9_\\-+.]*", Pattern.CASE_INSENSITIVE);
    /** pve-common's {@code dns-name} format, which {@code qm clone --name} checks. */
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*");

    /** A Linux interface name (IFNAMSIZ less the NUL), of the characters Proxmox and ifupdown2 use. */
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    private final SshHosts hosts;
    private final NodeCommands nodes;
    private final Duration timeout;
    private final Duration taskTimeout;

    /** Every command may take {@code timeout}. */
    public PveCliClusterPort(RemoteShell shell, SshHosts hosts, Duration timeout) {
        this(shell, hosts, timeout, timeout);
    }

    /**
     * @param timeout     how long a query or a quick change may take
     * @param taskTimeout how long a command that runs a Proxmox task to its end may take
     *                    (clone, migrate, start, stop, destroy: a full clone copies a whole disk)
     */
    public PveCliClusterPort(RemoteShell shell, SshHosts hosts, Duration timeout, Duration taskTimeout) {
        this.hosts = hosts;
        this.nodes = new NodeCommands(shell, hosts, timeout);
        this.timeout = timeout;
        this.taskTimeout = taskTimeout;
    }

    @Override
    public List<String> nodes() {
        return hosts.names();
    }

    @Override
    public PveVersion version(String node) {
        return PveVersion.parse(checked(run(node, "pveversion")).stdout());
    }

    @Override
    public ClusterStatus status() {
        return PveshJson.status(checked(onAnyNode("pvesh get /cluster/status --output-format json")).stdout());
    }

    @Override
    public List<ClusterResource> resources() {
        return PveshJson.resources(resourcesJson());
    }

    @Override
    public LoadAverage loadAverage(String node) {
        CommandResult result = checked(run(node, "cat /proc/loadavg"));
        try {
            return LoadAverage.parse(result.stdout());
        } catch (IllegalArgumentException e) {
            throw new ProxmoxException("'cat /proc/loadavg' on " + node + ": " + e.getMessage());
        }
    }

    @Override
    public String haJournal(String node, Instant since) {
        return checked(run(node, ShellQuote.command("journalctl", "-u", "pve-ha-crm", "-u", "pve-ha-lrm", "--since",
                "@" + since.getEpochSecond(), "-o", "short-iso", "--no-pager"))).stdout();
    }

    @Override
    public PvecmStatus pvecmStatus() {
        return PvecmStatus.parse(checked(onAnyNode("pvecm status")).stdout());
    }

    @Override
    public List<HaResourceConfig> haResources() {
        return HaResourceConfig.parseAll(checked(onAnyNode("pvesh get /cluster/ha/resources --output-format json"))
                .stdout());
    }

    @Override
    public List<HaRuleConfig> haRules() {
        CommandResult r = onAnyNode("pvesh get /cluster/ha/rules --output-format json");
        // PVE 8 has no rules: pvesh answers 'No such resource' (a method or path it does not know)
        return r.succeeded() ? HaRuleConfig.parseAll(r.stdout()) : List.of();
    }

    @Override
    public List<HaGroupConfig> haGroups() {
        CommandResult r = onAnyNode("pvesh get /cluster/ha/groups --output-format json");
        // PVE 9 after the groups became rules: "ha groups have been migrated to rules"
        return r.succeeded() ? HaGroupConfig.parseAll(r.stdout()) : List.of();
    }

    @Override
    public String haStatus(String node) {
        return checked(run(node, "ha-manager status")).stdout();
    }

    @Override
    public List<ClusterResource> resources(String node) {
        return PveshJson.resources(checked(run(node, "pvesh get /cluster/resources --output-format json")).stdout());
    }

    @Override
    public Instant time(String node) {
        String out = checked(run(node, "date +%s.%N")).stdout().strip();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\.(\\d{9})").matcher(out);
        if (!m.matches()) {
            throw new ProxmoxException("'date +%s.%N' on " + node + " printed '" + out + "', not seconds.nanoseconds");
        }
        return Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    @Override
    public String resourcesJson() {
        return checked(onAnyNode("pvesh get /cluster/resources --output-format json")).stdout();
    }

    @Override
    public List<VmNic> vmNics(String node, int vmid) {
        return VmNic.parse(vmid, checked(run(node, ShellQuote.command("qm", "config", String.valueOf(vmid)))).stdout());
    }

    @Override
    public List<IpLink> links(String node) {
        return IpLinkJson.parse(checked(run(node, "ip -j -d link")).stdout());
    }

    @Override
    public BondStatus bond(String node, String bond) {
        return BondStatus.parse(checked(run(node, ShellQuote.command("cat", "/proc/net/bonding/" + device(bond))))
                .stdout());
    }

    @Override
    public Map<String, String> packages(String node) {
        return PvePackages.parse(checked(run(node, "pveversion -v")).stdout());
    }

    @Override
    public String kernel(String node) {
        String release = checked(run(node, "uname -r")).stdout().strip();
        if (!release.matches("[0-9][0-9A-Za-z.+_~-]*")) {
            throw new ProxmoxException("'uname -r' on " + node + " printed '" + release + "', not a kernel release");
        }
        return release;
    }

    @Override
    public CorosyncStatus corosync(String node) {
        return CorosyncStatus.parse(checked(run(node, "corosync-cfgtool -s")).stdout());
    }

    @Override
    public List<StorageStatus> storages(String node) {
        return StorageStatus.parseAll(checked(run(node, "pvesm status")).stdout());
    }

    @Override
    public void setMtu(String node, String device, int mtu) {
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("mtu must be 68..65535: " + mtu);
        }
        checked(run(node, ShellQuote.command("ip", "link", "set", "dev", device(device), "mtu", String.valueOf(mtu))));
    }

    @Override
    public void setBondMode(String node, String bond, List<String> slaves, BondMode mode) {
        List<String> steps = new ArrayList<>();
        steps.add(ShellQuote.command("ip", "link", "set", "dev", device(bond), "down"));
        for (String slave : slaves) {
            steps.add(ShellQuote.command("ip", "link", "set", "dev", device(slave), "nomaster"));
        }
        steps.add(ShellQuote.command("ip", "link", "set", "dev", bond, "type", "bond", "mode", mode.written()));
        for (String slave : slaves) {
            steps.add(ShellQuote.command("ip", "link", "set", "dev", slave, "down"));
            steps.add(ShellQuote.command("ip", "link", "set", "dev", slave, "master", bond));
        }
        steps.add(ShellQuote.command("ip", "link", "set", "dev", bond, "up"));
        // a list, not &&: whatever fails, the slaves go back and the bond comes up again
        CommandResult result = run(node, ShellQuote.command("sh", "-c", String.join("; ", steps)));
        List<IpLink> now = links(node);
        IpLink after = now.stream().filter(l -> l.name().equals(bond)).findFirst()
                .orElseThrow(() -> new ProxmoxException("node " + node + ": bond " + bond + " is gone"));
        List<String> enslaved = now.stream().filter(l -> bond.equals(l.master())).map(IpLink::name).toList();
        if (!mode.written().equals(after.bondMode()) || !after.up() || !enslaved.containsAll(slaves)) {
            throw new ProxmoxException("node " + node + ": bond " + bond + " is " + after.bondMode()
                    + (after.up() ? "" : ", down") + " with slaves " + enslaved + " after changing its mode to "
                    + mode.written() + " (exit " + result.exitCode() + ": " + result.stderr().strip() + ")");
        }
    }

    private static String device(String name) {
        // the kernel's dev_valid_name refuses "." and "..", which would also name directories in a path
        if (name == null || !DEVICE.matcher(name).matches() || name.matches("\\.+")) {
            throw new IllegalArgumentException("not a network device name: " + name);
        }
        return name;
    }

    @Override
    public int nextVmid() {
        String text = checked(onAnyNode("pvesh get /cluster/nextid --output-format json")).stdout().strip();
        // the API returns an integer; with --vmid it echoes the parameter, which JSON may quote
        String digits = text.replace("\"", "");
        if (!digits.matches("[1-9][0-9]{2,8}")) {
            throw new ProxmoxException("pvesh get /cluster/nextid: expected a VM id, got '" + text + "'");
        }
        return Integer.parseInt(digits);
    }

    @Override
    public Map<String, String> vmConfig(String node, int vmid) {
        String path = "/nodes/" + node + "/qemu/" + vmid + "/config";
        return PveshJson.config(checked(run(node, ShellQuote.command("pvesh", "get", path, "--output-format", "json")))
                .stdout(), path);
    }

    @Override
    public void cloneVm(String node, int source, int newid, String name, String target) {
        if (!DNS_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a DNS name, qm clone would refuse it: " + name);
        }
        List<String> words = new ArrayList<>(List.of("qm", "clone", String.valueOf(source), String.valueOf(newid),
                "--name", name, "--full"));
        if (target != null && !target.equals(node)) {
            words.addAll(List.of("--target", target));
        }
        task(node, words);
    }

    @Override
    public void migrateStoppedVm(String node, int vmid, String target) {
        task(node, List.of("qm", "migrate", String.valueOf(vmid), target));
    }

    @Override
    public void configureVm(String node, int vmid, int cores, long memoryMib, List<String> tags) {
        for (String tag : tags) {
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("not a Proxmox tag: '" + tag + "'");
            }
        }
        List<String> words = new ArrayList<>(List.of("qm", "set", String.valueOf(vmid), "--sockets", "1",
                "--cores", String.valueOf(cores), "--memory", String.valueOf(memoryMib)));
        if (!tags.isEmpty()) {
            words.addAll(List.of("--tags", String.join(";", tags)));
        }
        checked(run(node, ShellQuote.command(words)));
    }

    @Override
    public void startVm(String node, int vmid) {
        task(node, List.of("qm", "start", String.valueOf(vmid)));
    }

    @Override
    public void stopVm(String node, int vmid) {
        task(node, List.of("qm", "stop", String.valueOf(vmid)));
    }

    @Override
    public void destroyVm(String node, int vmid) {
        task(node, List.of("qm", "destroy", String.valueOf(vmid), "--purge"));
    }

    @Override
    public boolean guestAgentAnswers(String node, int vmid) {
        return run(node, ShellQuote.command("qm", "guest", "cmd", String.valueOf(vmid), "ping")).succeeded();
    }

    @Override
    public CommandResult migrate(MigrationRequest request) {
        return run(request.source(), ShellQuote.command(request.words()), taskTimeout);
    }

    @Override
    public List<TaskEntry> tasks(String node, String type, int vmid, java.time.Instant since) {
        checkNode(node);
        if (!type.matches("[a-z]+")) {
            throw new IllegalArgumentException("not a task type: '" + type + "'");
        }
        String path = "/nodes/" + node + "/tasks";
        return PveshJson.tasks(checked(run(node, ShellQuote.command("pvesh", "get", path, "--source", "all",
                "--typefilter", type, "--vmid", String.valueOf(vmid), "--since",
                String.valueOf(since.getEpochSecond()), "--output-format", "json"))).stdout(), path);
    }

    @Override
    public String taskLog(String node, String upid) {
        checkNode(node);
        String path = "/nodes/" + node + "/tasks/" + upid + "/log";
        return PveshJson.taskLog(checked(run(node, ShellQuote.command("pvesh", "get", path, "--limit", "0",
                "--output-format", "json"))).stdout(), path);
    }

    @Override
    public java.time.ZoneOffset zone(String node) {
        String text = checked(run(node, "date +%z")).stdout().strip();
        try {
            return java.time.ZoneOffset.of(text.substring(0, 3) + ":" + text.substring(3));
        } catch (RuntimeException e) {
            throw new ProxmoxException("'date +%z' on " + node + " printed '" + text + "', not a UTC offset");
        }
    }

    private static void checkNode(String node) {
        if (!node.matches("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?")) {
            throw new IllegalArgumentException("not a node name: '" + node + "'");
        }
    }

    @Override
    public java.util.Optional<String> crs() {
        return PveshJson.propertyString(checked(onAnyNode(ShellQuote.command("pvesh", "get", "/cluster/options",
                "--output-format", "json"))).stdout(), "/cluster/options", "crs");
    }

    @Override
    public void setCrs(java.util.Optional<String> crs) {
        crs.ifPresent(value -> {
            if (!value.matches("[a-z-]+=[A-Za-z0-9.]+(,[a-z-]+=[A-Za-z0-9.]+)*")) {
                throw new IllegalArgumentException("not a crs property string: '" + value + "'");
            }
        });
        checked(onAnyNode(crs.map(value -> ShellQuote.command("pvesh", "set", "/cluster/options", "--crs", value))
                .orElse(ShellQuote.command("pvesh", "set", "/cluster/options", "--delete", "crs"))));
    }

    @Override
    public java.util.Set<Integer> haVms() {
        return PveshJson.haVms(checked(onAnyNode(ShellQuote.command("pvesh", "get", "/cluster/ha/resources",
                "--output-format", "json"))).stdout());
    }

    @Override
    public void addHaVm(int vmid) {
        checked(onAnyNode(ShellQuote.command("ha-manager", "add", "vm:" + vmid, "--state", "started")));
    }

    @Override
    public void removeHaVm(int vmid) {
        checked(onAnyNode(ShellQuote.command("ha-manager", "remove", "vm:" + vmid)));
    }

    /** Runs a command on one node; the exit code is left to the caller. */
    public CommandResult run(String node, String command) {
        return run(node, command, timeout);
    }

    private CommandResult run(String node, String command, Duration limit) {
        return nodes.run(node, command, limit);
    }

    /**
     * A {@code qm} command that runs a task: the CLI forks no background worker but runs it
     * in the foreground, streams its log and exits 255 when it fails (qemu-server
     * {@code CLI/qm.pm} {@code $upid_exit}), so its end is the command's end.
     */
    private void task(String node, List<String> words) {
        checked(run(node, ShellQuote.command(words), taskTimeout));
    }

    private CommandResult onAnyNode(String command) {
        return nodes.onAnyNode(command);
    }

    private static CommandResult checked(CommandResult result) {
        return NodeCommands.checked(result);
    }
}
