package org.jvirt.driver.qemu.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.jvirt.DestroyOptions;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.StateReason;
import org.jvirt.driver.qemu.QemuSettings;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.linux.JnaSignaller;
import org.jvirt.linux.Signal;

/**
 * qemu.conf keys a real QEMU lives under: max_threads_per_process (pids.max), cgroup_device_acl
 * (the devices allow-list QEMU/KVM must run within), graceful_destroy_timeout and destroy_grace.
 */
class QemuConfLimitsIT extends QemuItBase {
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

    @Override
    QemuSettings settings() {
        return QemuTestEnv.settings("max_threads_per_process = 200\ngraceful_destroy_timeout = 400\n"
                + "destroy_grace = 200\n");
    }

    private Domain started(String suffix) {
        Domain d = conn.defineXml(QemuTestEnv.domainXml(QemuTestEnv.PREFIX + suffix, type(),
                "<vcpu placement='static'>2</vcpu>", ""));
        d.start();
        return d;
    }

    private static String group(Domain d) {
        return QemuTestEnv.PARTITION + "/qemu-" + d.name() + ".jvirt-qemu";
    }

    @Test
    void theDomainGroupLimitsTasksAndDevicesAndQemuRunsWithinThem() throws Exception {
        Domain d = started("lim");
        long pid = pid(d);
        assertThat(Files.readString(CGROUPS.resolve("pids").resolve(group(d)).resolve("pids.max")).strip())
                .isEqualTo("200");
        assertThat(proc.cgroups(pid, pid)).containsEntry("pids", "/" + group(d));
        String devices = Files.readString(CGROUPS.resolve("devices").resolve(group(d)).resolve("devices.list"));
        assertThat(devices.lines()).contains("c 1:3 rw", "c 1:9 rw", "c 5:2 rw", "c 136:* rw")
                .doesNotContain("a *:* rwm");
        if (Files.exists(Path.of("/dev/kvm"))) {
            assertThat(devices.lines()).contains("c 10:232 rw");
        }
        assertThat(proc.cgroups(pid, pid)).containsEntry("devices", "/" + group(d));
        assertThat(d.state().state()).isEqualTo(DomainState.RUNNING);
    }

    @Test
    void gracefulDestroyEndsQemuWithSigterm() throws Exception {
        Domain d = started("grace");
        long pid = pid(d);
        d.destroy(DestroyOptions.GRACEFUL);
        assertThat(d.state().state()).isEqualTo(DomainState.SHUTOFF);
        assertThat(d.state().reason()).isEqualTo(StateReason.DESTROYED);
        assertThat(proc.isRunning(pid)).isFalse();
        assertThat(CGROUPS.resolve("cpuset").resolve(group(d))).doesNotExist();
    }

    @Test
    void gracefulDestroyOfAQemuThatCannotHandleSigtermFailsAndKeepsItRunning() throws Exception {
        Domain d = started("stopped");
        long pid = pid(d);
        JnaSignaller signals = new JnaSignaller();
        signals.send(pid, Signal.STOP); // a stopped process takes SIGTERM only when continued
        try {
            assertThatThrownBy(() -> d.destroy(DestroyOptions.GRACEFUL)).isInstanceOf(VirtException.class)
                    .hasMessageContaining("SIGTERM").hasMessageContaining("still running")
                    .satisfies(e -> assertThat(((VirtException) e).code()).isEqualTo(ErrorCode.OPERATION_TIMEOUT));
            assertThat(d.isActive()).isTrue();
            assertThat(proc.isRunning(pid)).isTrue();
            d.destroy(); // SIGKILL after destroy_grace ends even a stopped process
            assertThat(d.state().reason()).isEqualTo(StateReason.DESTROYED);
            assertThat(proc.isRunning(pid)).isFalse();
        } finally {
            if (proc.isRunning(pid)) {
                signals.send(pid, Signal.KILL);
            }
        }
    }

    @Test
    void tooFewTasksForQemuFailTheStartAndLeaveNothing() {
        conn.close();
        conn = QemuTestEnv.connect(QemuTestEnv.settings("max_threads_per_process = 1\n"));
        Domain d = conn.defineXml(QemuTestEnv.domainXml(QemuTestEnv.PREFIX + "tasks", type(),
                "<vcpu placement='static'>1</vcpu>", ""));
        assertThatThrownBy(d::start).isInstanceOf(VirtException.class);
        assertThat(d.isActive()).isFalse();
        assertThat(CGROUPS.resolve("pids").resolve(group(d))).doesNotExist();
        assertThat(QemuTestEnv.ROOT.resolve("run/" + d.name() + ".d")).doesNotExist();
        assertThat(proc.pids().stream().filter(p -> String.join(" ", proc.cmdline(p)).contains("guest=" + d.name())))
                .isEmpty();
    }
}
