package org.jvirt.daemon.net;

/** What a client may do, decided when it connects. */
public enum Access {
    READ_WRITE,
    READ_ONLY,
    DENIED
}
