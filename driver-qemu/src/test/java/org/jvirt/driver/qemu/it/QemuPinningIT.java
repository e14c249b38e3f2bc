package org.jvirt.driver.qemu.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.jvirt.Affect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.model.CpuSet;
import org.jvirt.linux.ProcFs;

/** Real QEMU: every thread runs where docs/pinning.md says, in the kernel and in the cgroups. */
class QemuPinningIT extends QemuItBase {
    Map<Long, String> threads(long pid) {
        Map<Long, String> m = new java.util.TreeMap<>();
        for (long t : proc.threads(pid)) {
            m.put(t, ProcFs.ifReadable(() -> proc.threadName(pid, t)).orElse("?"));
        }
        return m;
    }

    CpuSet allowed(long pid, long tid) {
        return proc.cpusAllowed(pid, tid);
    }

    static String cgroupCpus(String group) throws Exception {
        return Files.readString(Path.of("/sys/fs/cgroup/cpuset").resolve(group.substring(1)).resolve("cpuset.cpus")).strip();
    }

    @Test
    void cpusetPinsEmulatorpinAndIothreadsReachTheKernel() throws Exception {
        Domain d = conn.defineXml(QemuTestEnv.domainXml(QemuTestEnv.PREFIX + "pin", type(),
                "<vcpu placement='static' cpuset='0-1' current='2'>4</vcpu><iothreads>2</iothreads>",
                "<cputune><vcpupin vcpu='0' cpuset='1'/><vcpupin vcpu='3' cpuset='0'/><emulatorpin cpuset='0'/>"
                        + "<iothreadpin iothread='2' cpuset='1'/></cputune>"));
        d.start();
        assertThat(d.state().state()).isEqualTo(DomainState.RUNNING);
        long pid = pid(d);
        Map<Long, String> th = threads(pid);
        System.out.println("threads " + th);
        String dom = "/jvit-q/qemu-" + d.name() + ".jvirt-qemu";
        for (Map.Entry<Long, String> t : th.entrySet()) {
            long tid = t.getKey();
            String name = t.getValue();
            String cg = java.util.Objects.requireNonNull(proc.cgroups(pid, tid).get("cpuset"), "cpuset cgroup");
            if (name.startsWith("kvm-")) {
                continue; // KVM's kernel worker (kvm-nx-lpage-recovery): the kernel's, not QEMU's
            }
            if (name.equals("CPU 0/KVM") || name.equals("CPU 0/TCG")) {
                assertThat(allowed(pid, tid)).as(name).isEqualTo(CpuSet.of(1));
                assertThat(cg).isEqualTo(dom + "/vcpu0");
            } else if (name.startsWith("CPU 1/")) {
                assertThat(allowed(pid, tid)).as(name).isEqualTo(CpuSet.range(0, 1));
                assertThat(cg).isEqualTo(dom + "/vcpu1");
            } else if (name.equals("IO iothread1")) {
                assertThat(allowed(pid, tid)).as(name).isEqualTo(CpuSet.range(0, 1));
                assertThat(cg).isEqualTo(dom + "/iothread1");
            } else if (name.equals("IO iothread2")) {
                assertThat(allowed(pid, tid)).as(name).isEqualTo(CpuSet.of(1));
                assertThat(cg).isEqualTo(dom + "/iothread2");
            } else {
                assertThat(allowed(pid, tid)).as(name).isEqualTo(CpuSet.of(0));
                assertThat(cg).as(name).isEqualTo(dom + "/emulator");
            }
        }
        assertThat(th.values()).contains("IO iothread1", "IO iothread2");
        assertThat(cgroupCpus(dom + "/vcpu0")).isEqualTo("1");
        assertThat(cgroupCpus(dom + "/vcpu1")).isEqualTo("0-1");
        assertThat(cgroupCpus(dom + "/emulator")).isEqualTo("0");
        assertThat(cgroupCpus(dom + "/iothread2")).isEqualTo("1");
        // the public probe (jvirsh pincheck) sees no drift from the resolved pinning
        var placements = new org.jvirt.driver.qemu.QemuPinningProbe(QemuTestEnv.ROOT.resolve("run"), proc,
                Path.of("/sys/fs/cgroup")).probe(d.name());
        assertThat(placements).hasSize(th.size() - (int) th.values().stream().filter(n -> n.startsWith("kvm-")).count());
        var resolved = d.effectivePinning(Affect.LIVE);
        for (var p : placements) {
            CpuSet want = switch (p.kind()) {
                case VCPU -> resolved.vcpu(p.index()).cpus();
                case IOTHREAD -> resolved.iothread(p.index()).cpus();
                case EMULATOR -> resolved.emulator().cpus();
            };
            assertThat(p.affinity()).as(p.toString()).isEqualTo(want);
            assertThat(p.cgroupCpus()).as(p.toString()).hasValue(want);
        }
        d.destroy();
        assertThat(proc.isRunning(pid)).isFalse();
        assertThat(Path.of("/sys/fs/cgroup/cpuset" + dom)).doesNotExist();
        assertThat(QemuTestEnv.ROOT.resolve("run/" + d.name() + ".status.xml")).doesNotExist();
    }
}
