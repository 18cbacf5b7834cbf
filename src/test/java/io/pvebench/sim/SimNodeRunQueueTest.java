package io.pvebench.sim;

import io.pvebench.measure.LoadAverage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's {@code /proc/loadavg} on the twin: the kernel's line, whose runnable count follows the
 * CPU its guests' busy threads demand, and whose averages climb the way the kernel's do.
 */
class SimNodeRunQueueTest {

    @Test
    void busyVcpusAreRunnableTasksOfTheirNodeOnly() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(2, 7).withTimeScale(50))) {
            SshClient ssh = new SshClient(cluster);
            LoadAverage idle = LoadAverage.parse(ssh.run("pve1", "cat /proc/loadavg").stdout());

            SshClient.Result started = ssh.run("pve1", "qm guest exec 100 --timeout 1 -- stress-ng --cpu 4"
                    + " --timeout 10m");
            assertThat(started.stderr()).isEqualTo("timeout reached, returning pid\n");
            Thread.sleep(1200); // a minute of model time: the 1-minute average has mostly caught up
            LoadAverage busy = LoadAverage.parse(ssh.run("pve1", "cat /proc/loadavg").stdout());
            LoadAverage other = LoadAverage.parse(ssh.run("pve2", "cat /proc/loadavg").stdout());

            assertThat(idle.runnable()).isLessThanOrEqualTo(1);
            // four busy vCPU threads (and their exits) on pve1, none added on pve2
            assertThat(busy.runnable()).isBetween(4, 5);
            assertThat(other.runnable()).isLessThanOrEqualTo(1);
            assertThat(busy.oneMinute()).isGreaterThan(2.5).isGreaterThan(busy.fiveMinutes());
            assertThat(busy.tasks()).isGreaterThan(busy.runnable());
        }
    }

    @Test
    void anotherFileIsNotThere() throws Exception {
        try (SimCluster cluster = SimCluster.start(SimSpec.defaults(1, 7))) {
            SshClient.Result r = new SshClient(cluster).run("pve1", "cat /etc/hostname-not-here");
            assertThat(r.exitStatus()).isEqualTo(1);
            assertThat(r.stderr()).isEqualTo("cat: /etc/hostname-not-here: No such file or directory\n");
        }
    }
}
