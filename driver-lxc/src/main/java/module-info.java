/** The Linux container driver ({@code lxc:///system}); found through its {@code provides}, it exports nothing. */
module org.jvirt.driver.lxc {
    requires org.jvirt.core;
    requires org.jvirt.conf;
    requires org.jvirt.host;
    requires com.sun.jna;

    provides org.jvirt.spi.DriverModule with org.jvirt.driver.lxc.LxcDriverModule;

    // JNA reflects on the FIFO's libc interface
    opens org.jvirt.driver.lxc to com.sun.jna;
}
