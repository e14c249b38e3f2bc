package org.jvirt.error;

/** Which part of jvirt raised an error (libvirt's {@code virErrorDomain}, our own numbering). */
public enum ErrorDomain {
    NONE,
    DOMAIN_CONF,
    XML,
    PINNING,
    HOST,
    CONF,
    CONNECT,
    TEST,
    QEMU,
    LXC,
    CGROUP,
    CLI
}
