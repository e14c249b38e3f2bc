package org.jvirt.conf;

import java.util.Map;

/** The keys of {@code jvirt.conf}, as documented in the shipped default file. */
public final class JvirtConfKeys {
    public static final String FILE = "jvirt.conf";

    public static final String URI_DEFAULT = "uri_default";
    public static final String URI_ALIASES = "uri_aliases";
    public static final String JOB_WAIT_TIMEOUT = "job_wait_timeout";
    public static final String JVIRTD = "jvirtd";
    public static final String JVIRTD_URIS = "jvirtd_uris";
    public static final String JVIRTD_SOCKET = "jvirtd_socket";
    public static final String JVIRTD_SOCKET_RO = "jvirtd_socket_ro";

    /** Every documented key and its type. */
    public static final Map<String, ConfType> SCHEMA = Map.of(
            URI_DEFAULT, ConfType.STRING,
            URI_ALIASES, ConfType.STRING_LIST,
            JOB_WAIT_TIMEOUT, ConfType.INTEGER,
            JVIRTD, ConfType.STRING,
            JVIRTD_URIS, ConfType.STRING_LIST,
            JVIRTD_SOCKET, ConfType.STRING,
            JVIRTD_SOCKET_RO, ConfType.STRING);

    private JvirtConfKeys() {
    }
}
