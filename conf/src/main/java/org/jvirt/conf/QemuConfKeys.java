package org.jvirt.conf;

import java.util.Map;

/**
 * The keys of {@code qemu.conf}, as documented (with their defaults) in the shipped default
 * file. Durations are milliseconds.
 */
public final class QemuConfKeys {
    public static final String FILE = "qemu.conf";

    public static final String EMULATOR = "emulator";
    public static final String SET_PROCESS_NAME = "set_process_name";
    public static final String CONFIG_DIR = "config_dir";
    public static final String STATE_DIR = "state_dir";
    public static final String LOG_DIR = "log_dir";
    public static final String USER = "user";
    public static final String GROUP = "group";
    public static final String MAX_PROCESSES = "max_processes";
    public static final String MAX_FILES = "max_files";
    public static final String MAX_THREADS_PER_PROCESS = "max_threads_per_process";
    public static final String CGROUP_CONTROLLERS = "cgroup_controllers";
    public static final String CGROUP_PARTITION = "cgroup_partition";
    public static final String CGROUP_DEVICE_ACL = "cgroup_device_acl";
    public static final String NUMAD = "numad";
    public static final String NUMAD_TIMEOUT = "numad_timeout";
    public static final String MONITOR_CONNECT_TIMEOUT = "monitor_connect_timeout";
    public static final String MONITOR_COMMAND_TIMEOUT = "monitor_command_timeout";
    public static final String UNPLUG_TIMEOUT = "unplug_timeout";
    public static final String DESTROY_GRACE = "destroy_grace";
    public static final String DESTROY_TIMEOUT = "destroy_timeout";
    public static final String GRACEFUL_DESTROY_TIMEOUT = "graceful_destroy_timeout";

    /** Every documented key and its type. */
    public static final Map<String, ConfType> SCHEMA = Map.ofEntries(
            Map.entry(EMULATOR, ConfType.STRING),
            Map.entry(SET_PROCESS_NAME, ConfType.BOOLEAN),
            Map.entry(CONFIG_DIR, ConfType.STRING),
            Map.entry(STATE_DIR, ConfType.STRING),
            Map.entry(LOG_DIR, ConfType.STRING),
            Map.entry(USER, ConfType.STRING),
            Map.entry(GROUP, ConfType.STRING),
            Map.entry(MAX_PROCESSES, ConfType.INTEGER),
            Map.entry(MAX_FILES, ConfType.INTEGER),
            Map.entry(MAX_THREADS_PER_PROCESS, ConfType.INTEGER),
            Map.entry(CGROUP_CONTROLLERS, ConfType.STRING_LIST),
            Map.entry(CGROUP_PARTITION, ConfType.STRING),
            Map.entry(CGROUP_DEVICE_ACL, ConfType.STRING_LIST),
            Map.entry(NUMAD, ConfType.STRING),
            Map.entry(NUMAD_TIMEOUT, ConfType.INTEGER),
            Map.entry(MONITOR_CONNECT_TIMEOUT, ConfType.INTEGER),
            Map.entry(MONITOR_COMMAND_TIMEOUT, ConfType.INTEGER),
            Map.entry(UNPLUG_TIMEOUT, ConfType.INTEGER),
            Map.entry(DESTROY_GRACE, ConfType.INTEGER),
            Map.entry(DESTROY_TIMEOUT, ConfType.INTEGER),
            Map.entry(GRACEFUL_DESTROY_TIMEOUT, ConfType.INTEGER));

    private QemuConfKeys() {
    }
}
