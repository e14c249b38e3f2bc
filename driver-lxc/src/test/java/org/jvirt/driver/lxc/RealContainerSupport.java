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
