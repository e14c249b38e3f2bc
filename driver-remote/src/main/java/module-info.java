/** The remote driver ({@code qemu+ssh://...}, {@code +tls}, {@code +tcp}, {@code +unix}); found through its {@code provides}, it exports nothing. */
module org.jvirt.driver.remote {
    requires org.jvirt.core;
    requires org.jvirt.protocol;
    requires java.security.sasl;
    requires org.jdom2;
    requires org.apache.sshd.osgi;
    // not referenced by name: MINA SSHD finds it for ed25519 keys
    requires org.bouncycastle.provider;

    provides org.jvirt.spi.DriverModule with org.jvirt.driver.remote.RemoteDriverModule;
}
