package org.jvirt.linux.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;

class CgroupLayoutTest {
    private final CgroupLayout layout = new CgroupLayout();

    @Test
    void qemuNames() {
        Cgroup d = layout.qemuDomain("spec-q1");
        assertThat(d.path()).isEqualTo("machine/qemu-spec-q1.jvirt-qemu");
        assertThat(layout.emulator(d).path()).isEqualTo("machine/qemu-spec-q1.jvirt-qemu/emulator");
        assertThat(layout.vcpu(d, 3).path()).isEqualTo("machine/qemu-spec-q1.jvirt-qemu/vcpu3");
        assertThat(layout.iothread(d, 1).path()).isEqualTo("machine/qemu-spec-q1.jvirt-qemu/iothread1");
        assertThat(d.toString()).isEqualTo("/machine/qemu-spec-q1.jvirt-qemu");
    }

    @Test
    void containerNames() {
        assertThat(layout.container("web").path()).isEqualTo("machine/lxc-web.jvirt-lxc");
    }

    @Test
    void configuredPartitions() {
        assertThat(new CgroupLayout("/machine").partition().path()).isEqualTo("machine");
        assertThat(new CgroupLayout("/machine/prod").partition().path()).isEqualTo("machine/prod.partition");
        assertThat(new CgroupLayout("/.hidden").partition().path()).isEqualTo("_.hidden");
        assertThat(new CgroupLayout("cgroup.x").partition().path()).isEqualTo("_cgroup.x");
        assertThat(new CgroupLayout("").partition().path()).isEqualTo("machine");
        assertThat(new CgroupLayout("/tests").container("a").path()).isEqualTo("tests/lxc-a.jvirt-lxc");
    }

    @Test
    void escapingIsReversibleSoNamesNeverCollide() {
        assertThat(CgroupLayout.escape("my vm")).isEqualTo("my_20vm");
        assertThat(CgroupLayout.escape("a_b")).isEqualTo("a_5fb");
        assertThat(CgroupLayout.escape("a b")).isNotEqualTo(CgroupLayout.escape("a_b"));
        assertThat(CgroupLayout.escape("..")).isEqualTo("..");
        assertThat(layout.container("..").path()).isEqualTo("machine/lxc-...jvirt-lxc");
        assertThat(CgroupLayout.escape("é")).isEqualTo("_c3_a9");
        assertThat(CgroupLayout.escape("x\\y:z")).isEqualTo("x_5cy_3az");
    }

    @Test
    void longNamesAreCutWithAHash() {
        String a = "é".repeat(200);
        String b = "é".repeat(199) + "e";
        String ga = layout.container(a).name();
        String gb = layout.container(b).name();
        assertThat(ga.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(ga).matches("lxc-(_c3_a9)+_c3_~[0-9a-f]{16}").isNotEqualTo(gb);
    }

    @Test
    void cgroupPathsCannotEscape() {
        assertThat(Cgroup.of("/a/b/").path()).isEqualTo("a/b");
        assertThat(Cgroup.of("a/b").parent().path()).isEqualTo("a");
        assertThat(Cgroup.of("a").parent().isRoot()).isTrue();
        for (String bad : new String[] {"a/../b", "a//b", "./a", "a/\0"}) {
            assertThatThrownBy(() -> Cgroup.of(bad)).isInstanceOfSatisfying(VirtException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
        }
        assertThatThrownBy(() -> Cgroup.of("a").child("b/c")).isInstanceOf(VirtException.class);
    }

    @Test
    void cpuWeightConversion() {
        assertThat(CpuWeight.fromShares(2)).isEqualTo(1);
        assertThat(CpuWeight.fromShares(262144)).isEqualTo(10000);
        assertThat(CpuWeight.fromShares(1024)).isEqualTo(39);
        assertThat(CpuWeight.fromShares(512)).isEqualTo(20);
        assertThat(CpuWeight.fromShares(1)).isEqualTo(1);
        for (long s = 2; s <= 262144; s += 997) {
            long back = CpuWeight.toShares(CpuWeight.fromShares(s));
            assertThat(Math.abs(back - s)).as("shares %d", s).isLessThanOrEqualTo(27);
        }
    }
}
