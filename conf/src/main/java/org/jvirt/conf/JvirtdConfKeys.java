package org.jvirt.conf;

import java.util.Map;

/** The keys of {@code jvirtd.conf} (the daemon's settings), as documented in the shipped default file. */
public final class JvirtdConfKeys {
    public static final String FILE = "jvirtd.conf";

    public static final String URIS = "uris";
    public static final String ALLOW_NODE_FILES = "allow_node_files";
    public static final String UNIX_SOCK_DIR = "unix_sock_dir";
    public static final String UNIX_SOCK_RW = "unix_sock_rw";
    public static final String UNIX_SOCK_RO = "unix_sock_ro";
    public static final String UNIX_SOCK_RW_PERMS = "unix_sock_rw_perms";
    public static final String UNIX_SOCK_RO_PERMS = "unix_sock_ro_perms";
    public static final String RW_USERS = "rw_users";
    public static final String RO_USERS = "ro_users";
    public static final String LISTEN_TLS = "listen_tls";
    public static final String LISTEN_TCP = "listen_tcp";
    public static final String LISTEN_ADDR = "listen_addr";
    public static final String TLS_PORT = "tls_port";
    public static final String TCP_PORT = "tcp_port";
    public static final String CA_FILE = "ca_file";
    public static final String CERT_FILE = "cert_file";
    public static final String KEY_FILE = "key_file";
    public static final String TLS_ALLOWED_DN_LIST = "tls_allowed_dn_list";
    public static final String TLS_READ_WRITE = "tls_read_write";
    public static final String MAX_CLIENTS = "max_clients";
    public static final String MAX_CLIENT_REQUESTS = "max_client_requests";
    public static final String MAX_WORKERS = "max_workers";
    public static final String MAX_FRAME_BYTES = "max_frame_bytes";
    public static final String MAX_QUEUED_BYTES = "max_queued_bytes";
    public static final String KEEPALIVE_INTERVAL = "keepalive_interval";
    public static final String KEEPALIVE_COUNT = "keepalive_count";
    public static final String PID_FILE = "pid_file";

    /** Every documented key and its type. */
    public static final Map<String, ConfType> SCHEMA = Map.ofEntries(
            Map.entry(URIS, ConfType.STRING_LIST),
            Map.entry(ALLOW_NODE_FILES, ConfType.BOOLEAN),
            Map.entry(UNIX_SOCK_DIR, ConfType.STRING),
            Map.entry(UNIX_SOCK_RW, ConfType.STRING),
            Map.entry(UNIX_SOCK_RO, ConfType.STRING),
            Map.entry(UNIX_SOCK_RW_PERMS, ConfType.STRING),
            Map.entry(UNIX_SOCK_RO_PERMS, ConfType.STRING),
            Map.entry(RW_USERS, ConfType.STRING_LIST),
            Map.entry(RO_USERS, ConfType.STRING_LIST),
            Map.entry(LISTEN_TLS, ConfType.BOOLEAN),
            Map.entry(LISTEN_TCP, ConfType.BOOLEAN),
            Map.entry(LISTEN_ADDR, ConfType.STRING),
            Map.entry(TLS_PORT, ConfType.INTEGER),
            Map.entry(TCP_PORT, ConfType.INTEGER),
            Map.entry(CA_FILE, ConfType.STRING),
            Map.entry(CERT_FILE, ConfType.STRING),
            Map.entry(KEY_FILE, ConfType.STRING),
            Map.entry(TLS_ALLOWED_DN_LIST, ConfType.STRING_LIST),
            Map.entry(TLS_READ_WRITE, ConfType.BOOLEAN),
            Map.entry(MAX_CLIENTS, ConfType.INTEGER),
            Map.entry(MAX_CLIENT_REQUESTS, ConfType.INTEGER),
            Map.entry(MAX_WORKERS, ConfType.INTEGER),
            Map.entry(MAX_FRAME_BYTES, ConfType.INTEGER),
            Map.entry(MAX_QUEUED_BYTES, ConfType.INTEGER),
            Map.entry(KEEPALIVE_INTERVAL, ConfType.INTEGER),
            Map.entry(KEEPALIVE_COUNT, ConfType.INTEGER),
            Map.entry(PID_FILE, ConfType.STRING));

    private JvirtdConfKeys() {
    }
}
