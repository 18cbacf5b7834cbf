package io.pvebench.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PrefixedLinesTest {

    @Test
    void linesOfTwoRunsAtOnceArriveWholeEachWithItsRunsName() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream shared = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<Thread> runs = new ArrayList<>();
        for (String name : List.of("nightly", "network")) {
            PrintStream console = PrefixedLines.console(shared, "[" + name + "] ");
            runs.add(new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    // a line printed in pieces, as printf and print do
                    console.print("case " + i);
                    console.print(" of " + name);
                    console.printf("  ok%n");
                }
            }));
        }
        runs.forEach(Thread::start);
        for (Thread run : runs) {
            run.join();
        }

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1000).allSatisfy(line ->
                assertThat(line).matches("\\[(nightly|network)] case \\d+ of \\1  ok"));
    }

    @Test
    void anUnfinishedLastLineIsWrittenWhenTheRunsConsoleCloses() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream console = PrefixedLines.console(new PrintStream(bytes, true, StandardCharsets.UTF_8), "[demo] ");

        console.print("exit 0");
        console.flush();
        assertThat(bytes.size()).as("half a line waits for its end").isZero();
        console.close();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("[demo] exit 0" + System.lineSeparator());
    }
}
