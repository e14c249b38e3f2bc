package org.jvirt.conf;

import java.util.Map;

/**
 * The keys of {@code lxc.conf}, as documented (with their defaults) in the shipped default
 * file. Durations are milliseconds.
 */
public final class LxcConfKeys {
    public static final String FILE = "lxc.conf";

    public static final String CONFIG_DIR = "config_dir";
    public static final String STATE_DIR = "state_dir";
    public static final String LOG_DIR = "log_dir";
    public static final String UNSHARE = "unshare";
    public static final String NSENTER = "nsenter";
    public static final String STAGE2 = "stage2";
    public static final String CGROUP_CONTROLLERS = "cgroup_controllers";
    public static final String CGROUP_PARTITION = "cgroup_partition";
    public static final String NUMAD = "numad";
    public static final String NUMAD_TIMEOUT = "numad_timeout";
    public static final String INIT_TIMEOUT = "init_timeout";
    public static final String SHUTDOWN_TIMEOUT = "shutdown_timeout";
    public static final String DESTROY_TIMEOUT = "destroy_timeout";

    /** Every documented key and its type. */
    public static final Map<String, ConfType> SCHEMA = Map.ofEntries(
            Map.entry(CONFIG_DIR, ConfType.STRING),
            Map.entry(STATE_DIR, ConfType.STRING),
            Map.entry(LOG_DIR, ConfType.STRING),
            Map.entry(UNSHARE, ConfType.STRING),
            Map.entry(NSENTER, ConfType.STRING),
            Map.entry(STAGE2, ConfType.STRING),
            Map.entry(CGROUP_CONTROLLERS, ConfType.STRING_LIST),
            Map.entry(CGROUP_PARTITION, ConfType.STRING),
            Map.entry(NUMAD, ConfType.STRING),
            Map.entry(NUMAD_TIMEOUT, ConfType.INTEGER),
            Map.entry(INIT_TIMEOUT, ConfType.INTEGER),
            Map.entry(SHUTDOWN_TIMEOUT, ConfType.INTEGER),
            Map.entry(DESTROY_TIMEOUT, ConfType.INTEGER));

    private LxcConfKeys() {
    }
}
