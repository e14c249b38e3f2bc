package org.jvirt.spi;

/** One open connection of a driver: its host, domain and vCPU operations. */
public interface DriverConnection extends AutoCloseable {
    HostOps host();

    DomainOps domains();

    VcpuOps vcpus();

    /** See {@link org.jvirt.Domain#enterNamespaceCommand}; drivers without namespaces keep this. */
    default java.util.List<String> enterNamespaceCommand(java.util.UUID uuid, java.util.List<String> command) {
        throw org.jvirt.error.VirtException.of(org.jvirt.error.ErrorCode.NO_SUPPORT, org.jvirt.error.ErrorDomain.CONNECT,
                "entering a domain's namespaces needs the container driver (-c lxc:///system)");
    }

    /** See {@link org.jvirt.Connection#domainXmlToNative}; drivers without a native format keep this. */
    default String domainXmlToNative(String format, String xml) {
        throw org.jvirt.error.VirtException.of(org.jvirt.error.ErrorCode.NO_SUPPORT, org.jvirt.error.ErrorDomain.CONNECT,
                "this driver has no native format (domxml-to-native needs the QEMU driver: -c qemu:///system)");
    }

    /** Scheduler parameters, NUMA placement, I/O threads and autostart; drivers without them keep this. */
    default TuningOps tuning() {
        throw NoSupport.call("run-time tuning (schedinfo, numatune, iothreadadd, autostart)");
    }

    /** Domain statistics; drivers without them keep this. */
    default StatsOps stats() {
        throw NoSupport.call("domain statistics (cpu-stats, domstats)");
    }

    /** Releases the connection; running domains keep running. */
    @Override
    void close();
}
