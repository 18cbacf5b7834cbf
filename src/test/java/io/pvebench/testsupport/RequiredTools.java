package io.pvebench.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the Debian tools an integration test needs. On a machine with only Java and
 * Maven the test is skipped with a printed reason; with {@code PVEBENCH_REQUIRE_TOOLS=1}
 * (set by {@code .ci/run} after installing them) a missing tool fails the test instead,
 * so CI always exercises the real parts.
 */
public final class RequiredTools {

    private static final String[] SEARCH_PATH = {"/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/bin"};

    private RequiredTools() {
    }

    /** The absolute path of {@code name}, or the test is skipped (or failed under CI). */
    public static Path require(String name, String debianPackage) {
        return require(find(name), name + " not found (Debian package " + debianPackage + "); install it to run"
                + " this test");
    }

    /** What was {@code found}, or the test is skipped (or failed under CI) for {@code reason}. */
    public static Path require(Optional<Path> found, String reason) {
        if (found.isPresent()) {
            return found.get();
        }
        if (required()) {
            fail(reason + " — PVEBENCH_REQUIRE_TOOLS=1 makes a missing tool a failure");
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
        throw new IllegalStateException("unreachable");
    }

    /** Skips (or fails under CI) unless the test runs as root, for tools such as sshd or ip netns. */
    public static void requireRoot(String why) {
        if ("root".equals(System.getProperty("user.name"))) {
            return;
        }
        String reason = "needs root: " + why;
        if (required()) {
            fail(reason + " — PVEBENCH_REQUIRE_TOOLS=1 makes this a failure");
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    public static boolean required() {
        return "1".equals(System.getenv("PVEBENCH_REQUIRE_TOOLS"));
    }

    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream((path + ":" + String.join(":", SEARCH_PATH)).split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
