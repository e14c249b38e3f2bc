package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.spi.Environment;
import org.jvirt.linux.ProcFs;
import org.jvirt.linux.cgroup.Cgroup;
import org.jvirt.linux.cgroup.CgroupBackend;
import org.jvirt.linux.cgroup.CgroupLayout;
import org.jvirt.xml.DomainStatus;
import org.jvirt.state.StatusStore;

/** Helpers of the real-container tests: names, definitions, what the host shows of a container. */
abstract class RealContainerSupport {
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** A failed test shows the domain logs of its containers (on CI the temp dir is gone afterwards). */
    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.TestWatcher logs = new org.junit.jupiter.api.extension.TestWatcher() {
        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            if (host == null || !Files.isDirectory(host.logDir)) {
                return;
            }
            try (var files = Files.list(host.logDir)) {
                for (Path log : files.toList()) {
                    String text = Files.readString(log);
                    System.err.println("=== " + log + " (last 4000 characters)\n"
                            + text.substring(Math.max(0, text.length() - 4000)));
                }
            } catch (IOException e) {
                System.err.println("cannot list " + host.logDir + ": " + e);
            }
        }
    };

    static LxcTestHost host;
    static CgroupBackend cg;
    Connection conn;

    static String name(String what) {
        return LxcTestHost.PREFIX + what + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
    }

    static String os(String init, String... args) {
        StringBuilder b = new StringBuilder("<os><type>exe</type><init>").append(init).append("</init>");
        for (String a : args) {
            b.append("<initarg>").append(a.replace("&", "&amp;").replace("<", "&lt;")).append("</initarg>");
        }
        return b.append("</os>").toString();
    }

    static String xml(String name, String vcpu, String os, String devices) {
        return Defs.xml(name, vcpu, "", os, devices);
    }

    /** The {@code <filesystem>} that makes the host directory {@code root} the container's root. */
    static String rootFs(Path root) {
        return "<filesystem type='mount'><source dir='" + root + "'/><target dir='/'/></filesystem>";
    }

    /** A container named after {@code what} whose init sleeps in a fresh busybox root of its own, started. */
    Domain startedInOwnRoot(String what) throws IOException {
        Path root = LxcTestHost.busyboxRoot(host.dir.resolve("rootfs-" + what + "-" + ProcessHandle.current().pid()));
        Domain d = conn.defineXml(xml(name(what), "<vcpu>1</vcpu>", os("/bin/sleep", "1000"), rootFs(root)));
        d.start();
        return d;
    }

    Domain define(String name, String vcpu, String os) {
        return conn.defineXml(xml(name, vcpu, os, ""));
    }

    static Cgroup group(String name) {
        return new CgroupLayout("/" + LxcTestHost.PARTITION).container(name);
    }

    static DomainStatus status(String name) {
        return new StatusStore(host.stateDir).load(name).orElseThrow();
    }

    static long initPid(String name) {
        return status(name).pid();
    }

    static LxcNamespaces namespaces() {
        return LxcNamespaces.of(Environment.of(Map.of("JVIRT_CONF_DIR", host.confDir.toString())));
    }

    /** Runs {@code argv}; its standard output (stderr appended), failing on a non-zero status. */
    static String run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("%s finished", argv).isTrue();
        assertThat(p.exitValue()).as("%s: %s", argv, out).isZero();
        return out;
    }

    /** Runs {@code command} inside container {@code name}. */
    static String inside(String name, String... command) throws IOException, InterruptedException {
        return run(namespaces().enterCommand(name, List.of(command))).strip();
    }

    /** The domain log of container {@code name} ("" before it exists). */
    static String log(String name) {
        try {
            return Files.readString(host.logDir.resolve(name + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until init's output in the log of {@code name} has a line {@code done}; that start's part of the log. */
    static String awaitDone(String name) throws InterruptedException {
        await(() -> log(name).contains("\ndone\n"), Duration.ofSeconds(10), "the init script of " + name);
        String out = log(name);
        return out.substring(out.lastIndexOf("starting up"));
    }

    static String procStatus(long pid, String key) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith(key + ":")) {
                return l.substring(key.length() + 1).strip();
            }
        }
        throw new AssertionError("no " + key + " in /proc/" + pid + "/status");
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Nothing of container {@code name} is left: no cgroup, status or run file (but its lock file), and its init is gone. */
    static void assertNoTrace(String name, long initPid) throws IOException {
        assertThat(cg.exists(group(name))).as("cgroup of %s", name).isFalse();
        assertThat(new StatusStore(host.stateDir).load(name)).as("status of %s", name).isEmpty();
        if (initPid > 0) {
            assertThat(ProcFs.host().isAlive(initPid)).as("init %d of %s", initPid, name).isFalse();
        }
        if (Files.isDirectory(host.stateDir)) {
            try (var files = Files.list(host.stateDir)) {
                // the job lock file stays by design (removing it would race with a waiter)
                assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith(name + "."))
                        .filter(f -> !f.equals(name + ".lock"))).as("run files of %s", name).isEmpty();
            }
        }
    }
}
