package org.jvirt.driver.qemu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.DestroyOptions;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.StartOptions;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.connect.ConnectionFactory;
import org.jvirt.driver.qemu.QemuDriverFactory;
import org.jvirt.driver.qemu.it.FaultChecks.Child;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.linux.DomainLocks;
import org.jvirt.linux.JobRecord;
import org.jvirt.linux.Ticker;
import org.jvirt.model.CpuSet;
import org.jvirt.spi.Environment;

/**
 * Jobs of several real JVMs on the same domains: a job waits for another process's job and
 * fails after jvirt.conf's job_wait_timeout naming that process and its job; and several
 * processes running random operations for a bounded time neither hang nor lose an update, and
 * leave every running domain's threads where its vcpupin table says.
 */
class QemuJobsIT extends QemuItBase {
    @TempDir
    Path confDir;

    /** A connection whose jobs wait at most {@code waitMs} (jvirt.conf in $JVIRT_CONF_DIR). */
    private Connection connectWaiting(long waitMs) throws Exception {
        Files.writeString(confDir.resolve("jvirt.conf"), "job_wait_timeout = " + waitMs + "\n");
        return new ConnectionFactory(Map.of("qemu", new QemuDriverFactory(QemuTestEnv::settings)),
                Environment.of(Map.of("JVIRT_CONF_DIR", confDir.toString()))).open("qemu:///system",
                ConnectOptions.DEFAULT);
    }

    /** Stops (SIGSTOP) a child in the middle of its start, once its job record is in the lock file. */
    private static JobRecord stopMidStart(Child c, String name) throws Exception {
        c.await("go", Duration.ofSeconds(60));
        DomainLocks view = new DomainLocks(QemuTestEnv.ROOT.resolve("run"), Duration.ZERO, Ticker.SYSTEM);
        long end = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < end) {
            var r = view.recorded(name);
            if (r.isPresent() && r.get().pid() == c.process.pid()) {
                new ProcessBuilder("kill", "-STOP", Long.toString(c.process.pid())).start().waitFor();
                return r.get();
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the child never held the domain's lock");
    }

    private static void resume(Child c) throws Exception {
        new ProcessBuilder("kill", "-CONT", Long.toString(c.process.pid())).start().waitFor();
    }

    @Test
    void aJobWaitsForAnotherProcessAndGivesUpNamingItsPidAndJob() throws Exception {
        String name = QemuTestEnv.PREFIX + "queue";
        conn.defineXml(QemuTestEnv.domainXml(name, type(), "<vcpu>1</vcpu>", ""));
        try (Child other = new Child("start", name)) {
            stopMidStart(other, name);
            try (Connection impatient = connectWaiting(300)) {
                Domain d = impatient.lookupByName(name);
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> d.start(StartOptions.DEFAULT)).isInstanceOfSatisfying(VirtException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT))
                        .hasMessageContaining("domain '" + name + "' is busy: process " + other.process.pid()
                                + " (job 'start', running for ")
                        .hasMessageContaining("gave up after waiting 300 ms (job_wait_timeout in jvirt.conf)");
                assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(250L, 10_000L);
                assertThat(d.isActive()).as("the refused start changed nothing").isFalse();
            }
            // a patient job queues behind it and runs once it is done
            try (Connection patient = connectWaiting(30_000)) {
                Domain d = patient.lookupByName(name);
                CompletableFuture<DomainState> destroyed = CompletableFuture.supplyAsync(() -> {
                    d.destroy(DestroyOptions.DEFAULT);
                    return d.state().state();
                });
                Thread.sleep(500);
                assertThat(destroyed).as("waits while the other process's start is stopped").isNotDone();
                resume(other);
                other.await("done", Duration.ofSeconds(60));
                assertThat(destroyed.get(30, TimeUnit.SECONDS)).isEqualTo(DomainState.SHUTOFF);
            }
        }
        FaultChecks.nothingLeft(name);
    }

    /**
     * Three JVMs run random start / destroy / vcpupin --live / emulatorpin --live / setvcpus
     * --live / domstate on two domains for a bounded time; then, with both domains running, each
     * pins its own vCPU again and again while the others plug vCPUs, and reads its pin back at
     * once. No operation times out (no hang), no pin is lost, and at the end each domain's live
     * vcpupin table holds each process's last pin and the kernel agrees with it for every thread.
     */
    @Test
    void processesRunningRandomOperationsNeitherHangNorLoseUpdates() throws Exception {
        List<String> names = List.of(QemuTestEnv.PREFIX + "rnd0", QemuTestEnv.PREFIX + "rnd1");
        for (String n : names) {
            conn.defineXml(QemuTestEnv.domainXml(n, type(), "<vcpu placement='static' current='2'>4</vcpu>", ""));
        }
        conn.close();
        List<Child> children = new ArrayList<>();
        long seed = Long.getLong("jvit.seed", System.nanoTime());
        System.out.println("random operations: seed " + seed + " (-Djvit.seed=" + seed + " repeats it)");
        try {
            for (int c = 0; c < 3; c++) {
                List<String> args = new ArrayList<>(List.of("random", Long.toString(seed + c), "20000",
                        Integer.toString(c)));
                args.addAll(names);
                children.add(new Child(args.toArray(String[]::new)));
            }
            for (Child c : children) {
                System.out.println("child " + c.process.pid() + " " + c.await("phase1", Duration.ofSeconds(120)));
            }
            conn = QemuTestEnv.connect();
            for (String n : names) {
                Domain d = conn.lookupByName(n);
                if (!d.isActive()) {
                    d.start(StartOptions.DEFAULT);
                }
            }
            conn.close();
            for (Child c : children) {
                c.send("go");
            }
            Map<String, Map<Integer, CpuSet>> last = new TreeMap<>();
            for (int c = 0; c < children.size(); c++) {
                for (String line = children.get(c).await("", Duration.ofSeconds(120)); !line.equals("final");
                     line = children.get(c).await("", Duration.ofSeconds(120))) {
                    if (line.startsWith("pin ")) {
                        String[] w = line.split(" ");
                        last.computeIfAbsent(w[1], k -> new TreeMap<>()).put(c, CpuSet.parse(w[2]));
                    }
                }
                assertThat(children.get(c).process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(children.get(c).process.exitValue()).isZero();
            }
            conn = QemuTestEnv.connect();
            for (String n : names) {
                Domain d = conn.lookupByName(n);
                assertThat(d.isActive()).isTrue();
                List<CpuSet> table = d.vcpuPinInfo(Affect.LIVE);
                last.getOrDefault(n, Map.of()).forEach((vcpu, pin) ->
                        assertThat(table.get(vcpu)).as("live pin of vCPU %d of %s", vcpu, n).isEqualTo(pin));
                FaultChecks.consistent(d);
            }
        } finally {
            for (Child c : children) {
                c.close();
            }
        }
    }
}
