package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootPathsTest {
    @TempDir
    Path root;

    @BeforeEach
    void tree() throws Exception {
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("usr/bin"));
        Files.writeString(root.resolve("bin/busybox"), "x");
        Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("busybox"));
        Files.createSymbolicLink(root.resolve("usr/bin/env"), Path.of("/bin/busybox"));
        Files.createSymbolicLink(root.resolve("sbin"), Path.of("bin"));
        Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
    }

    @Test
    void linksResolveInsideTheRoot() {
        assertThat(RootPaths.resolve(root, "/bin/sh")).contains(root.resolve("bin/busybox"));
        assertThat(RootPaths.resolve(root, "/usr/bin/env")).contains(root.resolve("bin/busybox"));
        assertThat(RootPaths.resolve(root, "/sbin/sh")).contains(root.resolve("bin/busybox"));
        assertThat(RootPaths.resolve(root, "/")).contains(root);
    }

    @Test
    void dotDotStopsAtTheRoot() {
        assertThat(RootPaths.resolve(root, "/../../../bin/busybox")).contains(root.resolve("bin/busybox"));
        assertThat(RootPaths.resolve(root, "/bin/../../bin/./sh")).contains(root.resolve("bin/busybox"));
    }

    @Test
    void missingAndLoopingPathsAreEmpty() {
        assertThat(RootPaths.resolve(root, "/bin/nosuch")).isEmpty();
        assertThat(RootPaths.resolve(root, "/loop/x")).isEmpty();
        // exists on every host, not in this root
        assertThat(RootPaths.resolve(root, "/etc/passwd")).isEmpty();
    }
}
