/** The QEMU/KVM driver ({@code qemu:///system}, {@code qemu:///session}); found through its {@code provides}, it exports nothing. */
module org.jvirt.driver.qemu {
    requires org.jvirt.core;
    requires org.jvirt.conf;
    requires org.jvirt.host;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;

    provides org.jvirt.spi.DriverModule with org.jvirt.driver.qemu.QemuDriverModule;

    // the capabilities cache is a record Jackson writes and reads
    opens org.jvirt.driver.qemu.capabilities to com.fasterxml.jackson.databind;
}
