/**
 * jvirt's configuration files (jvirt.conf, qemu.conf, lxc.conf, jvirtd.conf): their parser, keys
 * and built-in defaults. Internal to jvirt: read by core and the drivers that have a file.
 */
module org.jvirt.conf {
    exports org.jvirt.conf to org.jvirt.core, org.jvirt.driver.qemu, org.jvirt.driver.lxc;
}
