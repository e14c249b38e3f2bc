package org.jvirt.driver.qemu.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.driver.qemu.QemuSettings;
import org.jvirt.model.CpuSet;

/**
 * qemu.conf user and group: QEMU runs as nobody (TCG: /dev/kvm is root's here), in its own
 * run directory, while jvirt (root) still places, pins and stops it.
 */
class QemuUserIT extends QemuItBase {
    private static final long NOBODY = 65534;

    @Override
    QemuSettings settings() {
        return QemuTestEnv.settings("user = \"+65534\"\ngroup = \"+65534\"\n");
    }

    @Test
    void qemuRunsAsTheConfiguredUserAndIsStillManaged() throws Exception {
        Domain d = conn.defineXml(QemuTestEnv.domainXml(QemuTestEnv.PREFIX + "nobody", "qemu",
                "<vcpu placement='static'>2</vcpu>", ""));
        d.start();
        long pid = pid(d);
        List<String> status = Files.readAllLines(Path.of("/proc/" + pid + "/status"));
        assertThat(status).filteredOn(l -> l.startsWith("Uid:")).singleElement().asString()
                .matches("Uid:\\s+65534\\s+65534\\s+65534\\s+65534");
        assertThat(status).filteredOn(l -> l.startsWith("Gid:")).singleElement().asString()
                .matches("Gid:\\s+65534\\s+65534\\s+65534\\s+65534");
        Path own = QemuTestEnv.ROOT.resolve("run/" + d.name() + ".d");
        assertThat(((Number) Files.getAttribute(own, "unix:uid")).longValue()).isEqualTo(NOBODY);
        assertThat(((Number) Files.getAttribute(own.resolve("monitor.sock"), "unix:uid")).longValue()).isEqualTo(NOBODY);
        assertThat(Files.getPosixFilePermissions(own)).hasSize(3); // rwx------

        d.pinEmulator(CpuSet.of(1), Affect.LIVE);
        assertThat(proc.cpusAllowed(pid, pid)).isEqualTo(CpuSet.of(1));
        assertThat(d.state().state()).isEqualTo(DomainState.RUNNING);
        d.destroy();
        assertThat(proc.isRunning(pid)).isFalse();
        assertThat(own).doesNotExist();
    }
}
