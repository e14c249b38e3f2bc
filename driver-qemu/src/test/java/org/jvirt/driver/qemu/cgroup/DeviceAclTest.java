package org.jvirt.driver.qemu.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.jvirt.conf.ConfFile;
import org.jvirt.driver.qemu.QemuSettings;
import org.jvirt.error.VirtException;
import org.jvirt.model.DomainDef;
import org.jvirt.xml.DomainXml;

/** The devices allow-list from qemu.conf's cgroup_device_acl and the domain's own devices. */
class DeviceAclTest {
    private static final DeviceNodes HOST = DeviceNodes.of(Map.of(
            Path.of("/dev/null"), new DeviceNodes.Node('c', 1, 3),
            Path.of("/dev/kvm"), new DeviceNodes.Node('c', 10, 232),
            Path.of("/dev/net/tun"), new DeviceNodes.Node('c', 10, 200),
            Path.of("/dev/sdb"), new DeviceNodes.Node('b', 8, 16),
            Path.of("/dev/sr0"), new DeviceNodes.Node('b', 11, 0)));

    private static DomainDef def(String devices) {
        return new DomainXml().read("<domain type='kvm'><name>acl</name><memory unit='MiB'>128</memory>"
                + "<vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os><devices>" + devices
                + "</devices></domain>").def();
    }

    @Test
    void listedNodesAndPtysReadWriteMissingOrNonDevicePathsLeftOut() {
        List<String> rules = DeviceAcl.rules(List.of(Path.of("/dev/null"), Path.of("/dev/kvm"), Path.of("/dev/nosuch"),
                Path.of("/etc/passwd")), def(""), HOST);
        assertThat(rules).containsExactly("c 1:3 rw", "c 10:232 rw", "c 136:* rw");
    }

    @Test
    void blockDisksByAccessFileDisksNeedNothingTapAddsTun() {
        DomainDef d = def("<disk type='block' device='disk'><source dev='/dev/sdb'/><target dev='vda'/></disk>"
                + "<disk type='block' device='cdrom'><source dev='/dev/sr0'/><target dev='hdc'/><readonly/></disk>"
                + "<disk type='file' device='disk'><source file='/var/lib/img.raw'/><target dev='vdb'/></disk>"
                + "<interface type='bridge'><source bridge='br0'/></interface>");
        assertThat(DeviceAcl.rules(List.of(), d, HOST))
                .containsExactly("c 136:* rw", "b 8:16 rw", "b 11:0 r", "c 10:200 rw");
        assertThat(DeviceAcl.rules(List.of(), def("<interface type='user'/>"), HOST)).containsExactly("c 136:* rw");
    }

    @Test
    void theRealDevNullIsACharacterDevice() {
        assertThat(DeviceNodes.under(Path.of("/")).stat(Path.of("/dev/null"))).contains(new DeviceNodes.Node('c', 1, 3));
        assertThat(DeviceNodes.under(Path.of("/")).stat(Path.of("/etc/hostname"))).isEmpty();
        assertThat(DeviceNodes.under(Path.of("/")).stat(Path.of("/dev/no-such-node"))).isEmpty();
        assertThat(DeviceNodes.under(Path.of("/dev")).stat(Path.of("/null"))).as("below another root")
                .contains(new DeviceNodes.Node('c', 1, 3));
    }

    @Test
    void settingsDefaultToLibvirtsListAndRejectRelativePaths() {
        assertThat(QemuSettings.from(ConfFile.parse("", "qemu.conf")).deviceAcl())
                .isEqualTo(QemuSettings.DEFAULT_DEVICE_ACL).contains(Path.of("/dev/kvm"), Path.of("/dev/ptmx"));
        assertThat(QemuSettings.from(ConfFile.parse("cgroup_device_acl = [ \"/dev/null\" ]\n", "qemu.conf"))
                .deviceAcl()).containsExactly(Path.of("/dev/null"));
        assertThatThrownBy(() -> QemuSettings.from(ConfFile.parse("cgroup_device_acl = [ \"dev/kvm\" ]\n", "qemu.conf")))
                .isInstanceOf(VirtException.class).hasMessageContaining("cgroup_device_acl")
                .hasMessageContaining("'dev/kvm'");
    }
}
