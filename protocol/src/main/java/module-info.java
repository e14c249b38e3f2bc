/** libvirt's RPC protocol as data (XDR, frames, program tables): no I/O, no dependencies. */
module org.jvirt.protocol {
    exports org.jvirt.protocol;
    exports org.jvirt.protocol.remote;
    exports org.jvirt.protocol.xdr;
}
