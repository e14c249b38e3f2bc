package org.jvirt.driver.qemu;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Gate of the tests that need a real QEMU (and root for cgroups): skipped with the reason when
 * something is missing, but FAILED when the environment variable CI is "true", so CI never
 * silently skips them.
 */
public final class RealHost {
    public static final String QEMU = "/usr/bin/qemu-system-x86_64";

    private RealHost() {
    }

    public static void require(boolean condition, String what) {
        if (condition) {
            return;
        }
        String reason = "real-host test needs " + what;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + " (CI=true: not skipping)");
        }
        Assumptions.assumeTrue(false, reason);
    }

    public static void requireQemu() {
        require(Files.isExecutable(Path.of(QEMU)), QEMU);
    }

    public static boolean kvm() {
        return Files.isReadable(Path.of("/dev/kvm")) && Files.isWritable(Path.of("/dev/kvm"));
    }

    public static void requireRootAndCgroups() {
        requireQemu();
        require("root".equals(System.getProperty("user.name")), "root (cgroups, sched_setaffinity of QEMU threads)");
        require(Files.isDirectory(Path.of("/sys/fs/cgroup")), "/sys/fs/cgroup");
    }
}
