package org.jvirt.spi;

/** One open connection of a driver: its host, domain and vCPU operations. */
public interface DriverConnection extends AutoCloseable {
    HostOps host();

    DomainOps domains();

    VcpuOps vcpus();

    /** Releases the connection; running domains keep running. */
    @Override
    void close();
}
