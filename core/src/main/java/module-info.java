/**
 * jvirt's API ({@code Jvirt.connect}, {@code Connection}, {@code Domain}), the domain model, the
 * driver SPI and what the bundled drivers share. Applications use the unqualified exports; the
 * managed-domain toolkit ({@code org.jvirt.state}, {@code org.jvirt.driver}) and the XML codec
 * ({@code org.jvirt.xml}) are exported to jvirt's own modules only. Drivers are found with
 * {@link java.util.ServiceLoader} on the module path as on the class path. Guice is optional:
 * only {@code JvirtBootstrap.modules()} and {@code createInjector} need it.
 */
module org.jvirt.core {
    requires org.jvirt.conf;
    requires java.xml;
    requires org.jdom2;
    requires org.slf4j;
    requires static com.google.guice;
    requires static jakarta.inject;

    exports org.jvirt;
    exports org.jvirt.connect;
    exports org.jvirt.error;
    exports org.jvirt.event;
    exports org.jvirt.host;
    exports org.jvirt.model;
    exports org.jvirt.pinning;
    exports org.jvirt.spi;
    exports org.jvirt.stats;
    exports org.jvirt.tuning;

    exports org.jvirt.driver to org.jvirt.host, org.jvirt.driver.test, org.jvirt.driver.qemu, org.jvirt.driver.lxc;
    exports org.jvirt.state to org.jvirt.host, org.jvirt.driver.test, org.jvirt.driver.qemu, org.jvirt.driver.lxc;
    exports org.jvirt.log to org.jvirt.driver.qemu, org.jvirt.driver.lxc;
    exports org.jvirt.xml to org.jvirt.driver.test, org.jvirt.driver.qemu, org.jvirt.driver.lxc,
            org.jvirt.driver.remote;

    uses org.jvirt.spi.DriverModule;
}
