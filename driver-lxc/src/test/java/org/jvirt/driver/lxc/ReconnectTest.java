package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.SetVcpusOptions;
import org.jvirt.StateReason;
import org.jvirt.error.VirtException;
import org.jvirt.linux.ProcFs;

/** A container outlives its connection; a new connection, in this JVM or another, takes it over. */
class ReconnectTest extends RealContainerSupport {
    @BeforeAll
    static void setUp() throws Exception {
        host = LxcTestHost.create(Files.createTempDirectory("jvit-lxc-reconnect-"));
        cg = LxcTestHost.backend();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void startingAContainerAnotherJvmStartedMeanwhileIsRefusedAndKillsNothing() throws Exception {
        String name = name("twice");
        conn = host.connect();
        Domain d = define(name, "<vcpu>1</vcpu>", os("/bin/sleep", "1000"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                ReconnectMain.class.getName(), host.confDir.toString(), name, "start")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("started RUNNING");
        long pid = initPid(name);
        try {
            // this connection's view predates the other start: the start job catches up with it (takes
            // the container over) and refuses, killing nothing
            assertThatThrownBy(d::start).isInstanceOf(VirtException.class).hasMessageContaining("already active");
            assertThat(ProcFs.host().isAlive(pid)).isTrue();
            Domain found = conn.lookupByName(name); // a lookup by name follows the other process's start
            assertThat(found.isActive()).isTrue();
            found.destroy();
        } finally {
            conn.close();
        }
        assertNoTrace(name, pid);
    }

    @Test
    void aNewConnectionTakesOverAndASecondJvmDestroys() throws Exception {
        String name = name("again");
        conn = host.connect();
        Domain d = define(name, "<vcpu cpuset='0-1' current='1'>2</vcpu>", os("/bin/sleep", "1000"));
        d.start();
        d.setVcpus(2, SetVcpusOptions.of(Affect.LIVE));
        int id = d.id().getAsInt();
        long pid = initPid(name);
        conn.close();
        assertThat(ProcFs.host().isAlive(pid)).as("the container outlives its connection").isTrue();

        conn = host.connect();
        Domain again = conn.lookupByName(name);
        assertThat(again.state().state()).isEqualTo(DomainState.RUNNING);
        assertThat(again.id()).hasValue(id);
        assertThat(again.vcpuCount().currentLive()).hasValue(2);
        assertThat(again.vcpuCount().currentConfig()).hasValue(1);
        again.suspend();
        conn.close();

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                ReconnectMain.class.getName(), host.confDir.toString(), name)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("found PAUSED id=" + id + " persistent=true vcpus=2", "after SHUTOFF DESTROYED");
        assertNoTrace(name, pid);

        conn = host.connect();
        try {
            assertThat(conn.lookupByName(name).state().state()).isEqualTo(DomainState.SHUTOFF);
        } finally {
            conn.close();
        }
    }

    @Test
    void aContainerThatDiedUnwatchedIsCleanedUpAtTheNextConnection() throws Exception {
        String name = name("unwatched");
        conn = host.connect();
        Domain d = define(name, "<vcpu>1</vcpu>", os("/bin/sh", "-c", "sleep 0.5"));
        d.start();
        long pid = initPid(name);
        conn.close(); // nobody watches it now
        await(() -> !ProcFs.host().isAlive(pid), Duration.ofSeconds(10), "the container to exit");
        assertThat(cg.exists(group(name))).as("cgroup left until someone looks").isTrue();
        conn = host.connect();
        try {
            assertThat(conn.lookupByName(name).state().state()).isEqualTo(DomainState.SHUTOFF);
            assertNoTrace(name, pid);
        } finally {
            conn.close();
        }
    }

    @Test
    void aReattachedContainerIsWatched() throws Exception {
        String name = name("watched");
        conn = host.connect();
        Domain d = define(name, "<vcpu>1</vcpu>", os("/bin/sh", "-c", "sleep 1.5"));
        d.start();
        long pid = initPid(name);
        conn.close();
        conn = host.connect();
        try {
            Domain again = conn.lookupByName(name);
            assertThat(again.isActive()).isTrue();
            await(() -> again.state().state() == DomainState.SHUTOFF, Duration.ofSeconds(10), "the stop to be seen");
            assertThat(again.state().reason()).isEqualTo(StateReason.UNKNOWN);
            assertNoTrace(name, pid);
        } finally {
            conn.close();
        }
    }
}
