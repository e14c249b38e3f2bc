package org.jvirt.driver.qemu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.jvirt.Affect;
import org.jvirt.Autostart;
import org.jvirt.Connection;
import org.jvirt.DestroyOptions;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.SetVcpusOptions;
import org.jvirt.StartOptions;
import org.jvirt.XmlFlag;
import org.jvirt.driver.qemu.it.FaultChecks.Child;
import org.jvirt.driver.qemu.it.FaultChecks.Outcome;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.linux.DomainLockFile;

/**
 * The fault suite's crashes of jvirt itself: a real JVM running a real start, destroy or
 * setvcpus is killed (SIGKILL) at a sweep of moments across the operation (measured first), and
 * a new connection must then find the domain running with every thread where its live pinning
 * says, or shut off with nothing left (QEMU, cgroups, run files, status, job record).
 */
class QemuCrashIT extends QemuItBase {
    private static final int POINTS = 10;
    private static final Duration CHILD = Duration.ofSeconds(60);

    private String define(String name, String vcpu, String cputune) {
        conn.defineXml(QemuTestEnv.domainXml(name, type(), vcpu, cputune));
        return name;
    }

    /** Runs {@code op} in a child JVM to its end; returns how long the operation took (ms). */
    private static long measure(String... op) throws Exception {
        try (Child c = new Child(op)) {
            c.await("go", CHILD);
            return Long.parseLong(c.await("done", CHILD).substring(5));
        }
    }

    /** Runs {@code op} in a child JVM killed {@code delay} ms after it began the operation. */
    private static void killedAfter(long delay, String... op) throws Exception {
        try (Child c = new Child(op)) {
            c.await("go", CHILD);
            FaultChecks.sleep(delay);
            c.kill9();
        }
    }

    private static Outcome inspect(String name) throws Exception {
        try (Connection fresh = QemuTestEnv.connect()) {
            return FaultChecks.consistent(fresh.lookupByName(name));
        }
    }

    private static void report(String what, Map<Long, Outcome> seen) {
        System.out.println(what + ": kill delay (ms) -> state found by the next connection: " + seen);
    }

    @Test
    void aStartKilledAtAnyMomentLeavesTheDomainRunningAndPinnedOrNothing() throws Exception {
        String name = define(QemuTestEnv.PREFIX + "kstart", "<vcpu placement='static'>2</vcpu>",
                "<cputune><vcpupin vcpu='0' cpuset='1'/><vcpupin vcpu='1' cpuset='0'/><emulatorpin cpuset='0'/></cputune>");
        conn.close();
        long took = measure("start", name);
        assertThat(inspect(name)).isEqualTo(Outcome.RUNNING);
        destroy(name);
        Map<Long, Outcome> seen = new LinkedHashMap<>();
        for (long delay : FaultChecks.delays(took * 2, POINTS + 2)) {
            killedAfter(delay, "start", name);
            seen.put(delay, inspect(name));
            destroy(name);
        }
        // and killed right after start() returned, before the connection closed
        try (Child c = new Child("start", name)) {
            c.await("done", CHILD);
            c.kill9();
        }
        seen.put(-1L, inspect(name));
        destroy(name);
        report("start (" + took + " ms; -1: killed once it returned)", seen);
        assertThat(EnumSet.copyOf(seen.values())).as("a sweep across the start finds both ends").containsExactlyInAnyOrder(
                Outcome.RUNNING, Outcome.SHUT_OFF);
        conn = QemuTestEnv.connect();
    }

    @Test
    void aDestroyKilledAtAnyMomentLeavesTheDomainRunningOrNothing() throws Exception {
        String name = define(QemuTestEnv.PREFIX + "kdestroy", "<vcpu placement='static'>2</vcpu>",
                "<cputune><vcpupin vcpu='0' cpuset='1'/></cputune>");
        conn.close();
        start(name);
        long took = measure("destroy", name);
        Map<Long, Outcome> seen = new LinkedHashMap<>();
        for (long delay : FaultChecks.delays(took * 12 / 10 + 20, POINTS)) {
            start(name);
            killedAfter(delay, "destroy", name);
            seen.put(delay, inspect(name));
            destroy(name);
        }
        report("destroy (" + took + " ms)", seen);
        assertThat(seen.values()).contains(Outcome.SHUT_OFF);
        conn = QemuTestEnv.connect();
    }

    /**
     * setvcpus 1 -> 4 --live killed at any moment: the domain runs on, its live definition
     * counts what QEMU has online, and every vCPU thread (a plugged one whose placement was cut
     * short too) is where its pin says. Every second round another connection holds the
     * monitor, so the plug goes through the domain's second monitor.
     */
    @Test
    void aSetvcpusKilledAtAnyMomentLeavesDefinitionAndKernelInLine() throws Exception {
        String name = define(QemuTestEnv.PREFIX + "kvcpus", "<vcpu placement='static' current='1'>4</vcpu>",
                "<cputune><vcpupin vcpu='1' cpuset='0'/><vcpupin vcpu='2' cpuset='1'/><vcpupin vcpu='3' cpuset='0'/>"
                        + "<emulatorpin cpuset='1'/></cputune>");
        conn.close();
        start(name);
        long took = measure("setvcpus", name, "4");
        destroy(name);
        Map<Long, Outcome> seen = new LinkedHashMap<>();
        List<Integer> counts = new ArrayList<>();
        int round = 0;
        for (long delay : FaultChecks.delays(took * 11 / 10, POINTS)) {
            start(name);
            Connection holder = round++ % 2 == 1 ? QemuTestEnv.connect() : null;
            if (holder != null) {
                holder.lookupByName(name).state();
            }
            killedAfter(delay, "setvcpus", name, "4");
            if (holder != null) {
                holder.close();
            }
            try (Connection fresh = QemuTestEnv.connect()) {
                Domain d = fresh.lookupByName(name);
                seen.put(delay, FaultChecks.consistent(d));
                assertThat(d.state().state()).isEqualTo(DomainState.RUNNING);
                counts.add(d.vcpuCount().currentLive().orElseThrow());
                // and the domain still takes the change
                d.setVcpus(4, SetVcpusOptions.of(Affect.LIVE));
                FaultChecks.pinnedAsLive(d);
            }
            destroy(name);
        }
        report("setvcpus 1 -> 4 (" + took + " ms)", seen);
        System.out.println("live vCPUs found after each kill: " + counts);
        assertThat(Set.copyOf(counts)).as("a sweep across the plugs stops at several counts").hasSizeGreaterThan(1);
        conn = QemuTestEnv.connect();
    }

    /**
     * undefine killed at any moment, of a domain with autostart on, inactive and (every second
     * round) running: the next connection finds it defined as before (same definition, autostart
     * on) or undefined with nothing of its definition left (no file, no autostart link), a
     * running one still running and pinned (transient once the undefine got through), and no
     * job record either way.
     */
    @Test
    void anUndefineKilledAtAnyMomentLeavesTheDefinitionWholeOrGone() throws Exception {
        String name = QemuTestEnv.PREFIX + "kundef";
        String xml = QemuTestEnv.domainXml(name, type(), "<vcpu placement='static'>2</vcpu>",
                "<cputune><vcpupin vcpu='0' cpuset='1'/></cputune>");
        conn.close();
        defineWithAutostart(xml);
        long took = measure("undefine", name);
        Map<Long, String> seen = new LinkedHashMap<>();
        int round = 0;
        for (long delay : FaultChecks.delays(took * 3 + 30, POINTS)) {
            boolean running = round++ % 2 == 1;
            String defined = defineWithAutostart(xml);
            if (running) {
                start(name);
            }
            killedAfter(delay, "undefine", name);
            seen.put(delay, (running ? "running: " : "inactive: ") + inspectUndefine(name, defined, running));
            try (Connection c = QemuTestEnv.connect()) {
                for (Domain d : c.listDomains()) {
                    boolean persistent = d.isPersistent(); // a transient one is gone once destroyed
                    if (d.isActive()) {
                        d.destroy(DestroyOptions.DEFAULT);
                    }
                    if (persistent) {
                        d.undefine();
                    }
                }
            }
        }
        System.out.println("undefine (" + took + " ms): kill delay (ms) -> found " + seen);
        conn = QemuTestEnv.connect();
    }

    /**
     * A process dies in its undefine between removing the definition and its autostart link (a
     * real JVM holding the domain's lock with the undefine's record, killed once the definition
     * file is gone): the next connection finishes the undefine and clears the record.
     */
    @Test
    void anUndefineCutShortAfterItsDefinitionWentIsFinishedByTheNextConnection() throws Exception {
        String name = QemuTestEnv.PREFIX + "kundef2";
        conn.close();
        defineWithAutostart(QemuTestEnv.domainXml(name, type(), "<vcpu>1</vcpu>", ""));
        Path run = QemuTestEnv.ROOT.resolve("run");
        try (Child c = new Child("die-in", name, "undefine")) {
            c.await("go", CHILD);
            Files.delete(config(name));
            c.kill9();
        }
        assertThat(Files.exists(autostartLink(name), LinkOption.NOFOLLOW_LINKS)).as("left by the dead undefine").isTrue();
        assertThat(DomainLockFile.peek(run, name)).contains("job=undefine");
        try (Connection fresh = QemuTestEnv.connect()) {
            assertThatThrownBy(() -> fresh.lookupByName(name)).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN));
            assertThat(Files.exists(autostartLink(name), LinkOption.NOFOLLOW_LINKS)).as("autostart link").isFalse();
            assertThat(DomainLockFile.peek(run, name)).as("job record").isEmpty();
        }
        conn = QemuTestEnv.connect();
    }

    private static Path config(String name) {
        return QemuTestEnv.ROOT.resolve("etc/" + name + ".xml");
    }

    private static Path autostartLink(String name) {
        return QemuTestEnv.ROOT.resolve("etc/autostart/" + name + ".xml");
    }

    /** Defines {@code xml} with autostart on; returns its inactive XML. */
    private static String defineWithAutostart(String xml) {
        try (Connection c = QemuTestEnv.connect()) {
            Domain d = c.defineXml(xml);
            d.setAutostart(Autostart.ENABLED);
            return d.xml(XmlFlag.INACTIVE);
        }
    }

    /** What a new connection finds after an undefine was killed: "defined", "transient" or "gone", each checked whole. */
    private static String inspectUndefine(String name, String definedXml, boolean running) throws Exception {
        try (Connection fresh = QemuTestEnv.connect()) {
            assertThat(DomainLockFile.peek(QemuTestEnv.ROOT.resolve("run"), name)).as("job record").isEmpty();
            Domain d;
            try {
                d = fresh.lookupByName(name);
            } catch (VirtException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.NO_DOMAIN);
                assertThat(running).as("a running domain stays").isFalse();
                assertNoDefinition(name);
                FaultChecks.nothingLeft(name);
                return "gone";
            }
            if (running) {
                assertThat(FaultChecks.consistent(d)).isEqualTo(Outcome.RUNNING);
            } else {
                assertThat(d.state().state()).isEqualTo(DomainState.SHUTOFF);
            }
            if (!d.isPersistent()) {
                assertNoDefinition(name);
                return "transient";
            }
            assertThat(d.xml(XmlFlag.INACTIVE)).as("the definition").isEqualTo(definedXml);
            assertThat(d.autostart()).isEqualTo(Autostart.ENABLED);
            return "defined";
        }
    }

    private static void assertNoDefinition(String name) {
        assertThat(config(name)).as("definition file").doesNotExist();
        assertThat(Files.exists(autostartLink(name), LinkOption.NOFOLLOW_LINKS)).as("autostart link").isFalse();
    }

    private static void start(String name) {
        try (Connection c = QemuTestEnv.connect()) {
            c.lookupByName(name).start(StartOptions.DEFAULT);
        }
    }

    private static void destroy(String name) {
        try (Connection c = QemuTestEnv.connect()) {
            Domain d = c.lookupByName(name);
            if (d.isActive()) {
                d.destroy(DestroyOptions.DEFAULT);
            }
        }
    }
}
