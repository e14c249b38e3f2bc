package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.jvirt.Connection;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.StateReason;

/**
 * A container another connection started, which has since closed, is watched by polling /proc
 * (docs/lxc.md#stopping-exits-reboot): the end of its init is seen, reported with an unknown
 * reason (no exit status reaches a process that is not unshare's parent), and cleaned up.
 */
class LxcWatchTest extends RealContainerCase {
    @Test
    void theEndOfAContainerStartedElsewhereIsSeen() throws Exception {
        String name = name("watch");
        try (Connection starter = host.connect()) {
            starter.defineXml(xml(name, "<vcpu>1</vcpu>", os("/bin/sleep", "1000"), "")).start();
        }
        long init = initPid(name);
        Domain d = conn.lookupByName(name);
        assertThat(d.state().state()).isEqualTo(DomainState.RUNNING);
        new ProcessBuilder("kill", "-9", Long.toString(init)).start().waitFor();
        await(() -> d.state().state() == DomainState.SHUTOFF, Duration.ofSeconds(10), "the container to be seen stopped");
        assertThat(d.state().reason()).isEqualTo(StateReason.UNKNOWN);
        assertNoTrace(name, init);
    }
}
