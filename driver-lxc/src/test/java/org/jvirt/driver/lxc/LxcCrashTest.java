package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.testing.ProcessLines;
import org.jvirt.Affect;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.SetVcpusOptions;
import org.jvirt.StateReason;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.linux.DomainLockFile;
import org.jvirt.linux.ProcFs;
import org.jvirt.linux.cgroup.CpuBandwidth;

/**
 * The fault suite for containers: a real JVM running a real start, destroy or setvcpus is killed
 * (SIGKILL) at a sweep of moments across it, and a new connection must find the container
 * running with its cgroup as its live definition says, or shut off with nothing left (no init,
 * no stage 2, no cgroup, no run files, no status, no job record); and the container's init killed
 * (kill -9) while idle and during live changes ends it cleanly.
 */
class LxcCrashTest extends RealContainerSupport {
    private static final int POINTS = 10;

    enum Outcome { RUNNING, SHUT_OFF }

    @BeforeAll
    static void setUp() throws Exception {
        host = LxcTestHost.create(Files.createTempDirectory("jvit-lxc-crash-"));
        cg = LxcTestHost.backend();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    @AfterEach
    void closeConnection() {
        if (conn != null) {
            conn.close();
            conn = null;
        }
    }

    /** A kill delay meaning: kill the child as soon as the operation has returned, before it closes its connection. */
    private static final long ONCE_RETURNED = -2;

    /** A running LxcFaultMain and the lines it printed so far. */
    private record Child(Process process, BlockingQueue<String> lines) {
        static Child of(String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    LxcFaultMain.class.getName(), host.confDir.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            return new Child(p, ProcessLines.of(p, "lxc-fault-child-output"));
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * One run of LxcFaultMain; returns the operation's time, or -1 when killed {@code killAfter} ms into it
     * (or, for {@link #ONCE_RETURNED}, right after the operation returned).
     */
    private static long child(long killAfter, String... op) throws Exception {
        Child c = Child.of(op);
        List<String> seen = new ArrayList<>();
        try {
            String l;
            while ((l = c.lines().poll(60, TimeUnit.SECONDS)) != null) {
                seen.add(l);
                if (l.equals("go") && killAfter >= 0) {
                    Thread.sleep(killAfter);
                    c.kill();
                    return -1;
                }
                if (l.startsWith("done ")) {
                    if (killAfter == ONCE_RETURNED) {
                        c.kill();
                        return -1;
                    }
                    return Long.parseLong(l.substring(5));
                }
            }
            throw new AssertionError("the child printed " + seen);
        } finally {
            c.kill();
        }
    }

    /** Starts {@code name} in a LxcFaultMain that stalls at {@code step} of the handover, kills it there; the init's pid. */
    private static long killedAt(String step, String name) throws Exception {
        Child c = Child.of("stall-at", step, name);
        List<String> seen = new ArrayList<>();
        try {
            String l;
            while ((l = c.lines().poll(60, TimeUnit.SECONDS)) != null) {
                seen.add(l);
                if (l.startsWith("stalled ")) {
                    c.kill();
                    return Long.parseLong(l.substring(8));
                }
            }
            throw new AssertionError("the child printed " + seen);
        } finally {
            c.kill();
        }
    }

    private static List<Long> delays(long span) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < POINTS; i++) {
            out.add(span * i / (POINTS - 1));
        }
        return out;
    }

    /** Running with init in its cgroup and the quota of its live vCPUs, or shut off with nothing left. */
    private static Outcome inspect(String name) throws Exception {
        try (Connection fresh = host.connect()) {
            Domain d = fresh.lookupByName(name);
            assertThat(DomainLockFile.peek(host.stateDir, name)).as("job record of %s", name).isEmpty();
            if (d.state().state() == DomainState.SHUTOFF) {
                assertNoTrace(name, 0);
                assertThat(stage2Processes(name)).as("stage 2 of %s", name).isEmpty();
                return Outcome.SHUT_OFF;
            }
            assertThat(d.state().state()).isEqualTo(DomainState.RUNNING);
            long init = initPid(name);
            assertThat(cg.processes(group(name))).as("processes in the cgroup of %s", name).contains(init);
            int live = d.vcpuCount().currentLive().orElseThrow();
            assertThat(cg.cpuBandwidth(group(name))).as("bandwidth of %s", name)
                    .isEqualTo(new CpuBandwidth(CpuBandwidth.DEFAULT_PERIOD, live * CpuBandwidth.DEFAULT_PERIOD));
            return Outcome.RUNNING;
        }
    }

    private static List<Long> stage2Processes(String name) {
        ProcFs proc = ProcFs.host();
        return proc.pids().stream().filter(pid -> proc.cmdline(pid).stream().anyMatch(a -> a.contains(name))
                && proc.cmdline(pid).stream().anyMatch(a -> a.contains("ct-stage2") || a.contains("unshare"))).toList();
    }

    private void destroyIfRunning(String name) {
        try (Connection c = host.connect()) {
            Domain d = c.lookupByName(name);
            if (d.isActive()) {
                d.destroy();
            }
        }
    }

    private String defined(String what, String vcpu) {
        String name = name(what);
        try (Connection c = host.connect()) {
            c.defineXml(xml(name, vcpu, os("/bin/sleep", "1000"), ""));
        }
        return name;
    }

    @Test
    void aStartKilledAtAnyMomentLeavesTheContainerRunningOrNothing() throws Exception {
        String name = defined("kstart", "<vcpu>1</vcpu>");
        long took = child(-1, "start", name);
        assertThat(inspect(name)).isEqualTo(Outcome.RUNNING);
        destroyIfRunning(name);
        Map<Long, Outcome> seen = new LinkedHashMap<>();
        for (long delay : delays(took * 2 + 5)) {
            child(delay, "start", name);
            seen.put(delay, inspect(name));
            destroyIfRunning(name);
        }
        // and killed right after start() returned: a later start may take longer than the measured one
        child(ONCE_RETURNED, "start", name);
        seen.put(ONCE_RETURNED, inspect(name));
        destroyIfRunning(name);
        System.out.println("container start (" + took + " ms; -2: killed once it returned): kill delay (ms) -> state found next: " + seen);
        assertThat(EnumSet.copyOf(seen.values())).containsExactlyInAnyOrder(Outcome.RUNNING, Outcome.SHUT_OFF);
    }

    /**
     * The JVM dies while PID 1 waits in its last shell for its root (docs/lxc.md#how-a-container-starts
     * step 7): before or after pivot_root, the shell reads the end of the FIFO and exits by itself,
     * init never runs, and the next connection finds the container shut off with nothing left.
     */
    @Test
    void aStartKilledDuringTheHandoverEndsBeforeInitRuns() throws Exception {
        for (String step : List.of("pivot_root", "sethostname")) {
            String name = defined("khand", "<vcpu>1</vcpu>");
            long init = killedAt(step, name);
            ProcFs proc = ProcFs.host();
            await(() -> !proc.isRunning(init), Duration.ofSeconds(10), "PID 1 of " + name + " to exit by itself");
            assertThat(log(name)).as("killed at %s", step).contains("jvirt-init: no signal to execute init");
            assertThat(inspect(name)).as("killed at %s", step).isEqualTo(Outcome.SHUT_OFF);
            assertNoTrace(name, init);
        }
    }

    @Test
    void aDestroyKilledAtAnyMomentLeavesTheContainerRunningOrNothing() throws Exception {
        String name = defined("kdestroy", "<vcpu>1</vcpu>");
        child(-1, "start", name);
        long took = child(-1, "destroy", name);
        Map<Long, Outcome> seen = new LinkedHashMap<>();
        for (long delay : delays(took * 12 / 10 + 5)) {
            child(-1, "start", name);
            child(delay, "destroy", name);
            seen.put(delay, inspect(name));
            destroyIfRunning(name);
        }
        System.out.println("container destroy (" + took + " ms): kill delay (ms) -> state found next: " + seen);
        assertThat(seen.values()).contains(Outcome.SHUT_OFF);
    }

    @Test
    void aSetvcpusKilledAtAnyMomentLeavesQuotaAndDefinitionInLine() throws Exception {
        String name = defined("kvcpus", "<vcpu placement='static' cpuset='0-1' current='1'>2</vcpu>");
        child(-1, "start", name);
        long took = child(-1, "setvcpus", name, "2");
        Map<Long, Outcome> seen = new LinkedHashMap<>();
        int n = 1;
        for (long delay : delays(took * 12 / 10 + 5)) {
            child(delay, "setvcpus", name, Integer.toString(n));
            seen.put(delay, inspect(name));
            n = 3 - n;
        }
        System.out.println("container setvcpus (" + took + " ms): kill delay (ms) -> state found next: " + seen);
        assertThat(seen.values()).containsOnly(Outcome.RUNNING);
        destroyIfRunning(name);
    }

    @Test
    void initKilledWhileIdleEndsTheContainerCleanly() throws Exception {
        conn = host.connect();
        String name = name("kinit");
        Domain d = define(name, "<vcpu>1</vcpu>", os("/bin/sleep", "1000"));
        d.start();
        long init = initPid(name);
        new ProcessBuilder("kill", "-9", Long.toString(init)).start().waitFor();
        await(() -> d.state().state() == DomainState.SHUTOFF, Duration.ofSeconds(10), "the container to stop");
        assertThat(d.state().reason()).isEqualTo(StateReason.CRASHED);
        assertNoTrace(name, init);
        assertThat(inspect(name)).isEqualTo(Outcome.SHUT_OFF);
    }

    @Test
    void initKilledDuringLiveChangesEndsTheContainerCleanly() throws Exception {
        conn = host.connect();
        String name = name("kinitlive");
        Domain d = define(name, "<vcpu placement='static' cpuset='0-1' current='1'>2</vcpu>", os("/bin/sleep", "1000"));
        d.start();
        long init = initPid(name);
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Integer> changes = CompletableFuture.supplyAsync(() -> {
            int done = 0;
            for (int i = 0; !stop.get(); i++) {
                try {
                    d.setVcpus(1 + i % 2, SetVcpusOptions.of(Affect.LIVE));
                    done++;
                } catch (VirtException e) {
                    // init is gone: the change fails clearly until the exit is reported
                    if (e.code() != ErrorCode.NOT_RUNNING) {
                        throw e;
                    }
                }
            }
            return done;
        });
        Thread.sleep(200);
        new ProcessBuilder("kill", "-9", Long.toString(init)).start().waitFor();
        await(() -> d.state().state() == DomainState.SHUTOFF, Duration.ofSeconds(10), "the container to stop");
        stop.set(true);
        assertThat(changes.get(30, TimeUnit.SECONDS)).isPositive();
        assertNoTrace(name, init);
        assertThat(inspect(name)).isEqualTo(Outcome.SHUT_OFF);
        d.start(); // and it starts again
        assertThat(inspect(name)).isEqualTo(Outcome.RUNNING);
        d.destroy();
    }
}
