/**
 * The Linux toolkit of the real drivers: host probing (OSHI), cgroups, affinity and signals
 * (JNA), /proc. Internal to jvirt: exported to the QEMU and LXC drivers only.
 */
module org.jvirt.host {
    requires org.jvirt.core;
    requires com.github.oshi;
    requires com.sun.jna;

    exports org.jvirt.host.probe to org.jvirt.driver.qemu, org.jvirt.driver.lxc;
    exports org.jvirt.linux to org.jvirt.driver.qemu, org.jvirt.driver.lxc;
    exports org.jvirt.linux.cgroup to org.jvirt.driver.qemu, org.jvirt.driver.lxc;
    // JNA reflects on the libc interface it implements
    opens org.jvirt.linux to com.sun.jna;
}
