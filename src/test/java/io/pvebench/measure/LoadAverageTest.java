package io.pvebench.measure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadAverageTest {

    @Test
    void anIdleHostsLineGivesItsAveragesAndTaskCounts() {
        LoadAverage idle = LoadAverage.parse(CapturedOutput.read("proc/loadavg-idle.txt"));

        assertThat(idle).isEqualTo(new LoadAverage(0.43, 0.44, 0.50, 1, 79));
        assertThat(idle).hasToString("0.43 0.44 0.50");
    }

    @Test
    void moreRunnableTasksThanCpusShowInTheRunnableCount() {
        // six stress-ng CPU workers on a 2-CPU machine, read 35 s in: 7 runnable (the workers and cat)
        LoadAverage busy = LoadAverage.parse(CapturedOutput.read("proc/loadavg-cpu6-on-2cpus.txt"));

        assertThat(busy.runnable()).isEqualTo(7);
        assertThat(busy.oneMinute()).isGreaterThan(2).isGreaterThan(busy.fiveMinutes());
    }

    @Test
    void anythingElseIsRefusedWithWhatWasRead() {
        assertThatThrownBy(() -> LoadAverage.parse("cat: /proc/loadavg: No such file or directory"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a /proc/loadavg line: 'cat: /proc/loadavg");
        assertThatThrownBy(() -> LoadAverage.parse("0.43 0.44 0.50")).hasMessageContaining("not a /proc/loadavg");
    }
}
