package org.jvirt.driver.lxc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line and environment that start a container (docs/lxc.md#how-a-container-starts step 4), as pure
 * functions of a {@link InitSpec}:
 * <pre>
 * unshare --pid --fork --kill-child --mount --propagation private --uts --ipc [--net] [--user]
 *         -- STAGE2 GO READY NAME ROOT STAGE RO -- FINAL...
 * FINAL = unshare [--setuid UID] [--setgid GID] --root=. --wd=WORKDIR -- INIT ARGS...
 * </pre>
 * Stage 2 runs as PID 1 of the new namespaces; its positional parameters are documented in the
 * script itself ({@code ct-stage2}). Its last step executes {@link #finalStep} as given, so the
 * driver knows that command line exactly while it waits for init's own.
 */
public final class InitCommand {
    private static final int HOST_NAME_MAX = 64;

    private InitCommand() {
    }

    /** The full argv given to the process builder. */
    public static List<String> argv(InitSpec s) {
        List<String> argv = new ArrayList<>();
        argv.add(s.unshare());
        argv.addAll(List.of("--pid", "--fork", "--kill-child", "--mount", "--propagation", "private", "--uts",
                "--ipc"));
        if (s.net()) {
            argv.add("--net");
        }
        if (s.user()) {
            argv.add("--user");
            // the stage-2 shell starts before jvirt has written the maps, as an unmapped user:
            // without its capabilities it could not become the namespace's root afterwards
            argv.add("--keep-caps");
        }
        argv.add("--");
        argv.add(s.stage2().toString());
        argv.add(s.goFifo().toString());
        argv.add(s.readyFile().toString());
        argv.add(hostname(s.name()));
        argv.add(s.rootSource().toString());
        argv.add(s.stage().toString());
        argv.add(s.readonly() ? "1" : "0");
        argv.add("--");
        argv.addAll(finalStep(s));
        return argv;
    }

    /**
     * The command stage 2 ends with, PID 1's last command line before init's own: unshare
     * changes into the assembled root, takes the init's ids and executes it.
     */
    public static List<String> finalStep(InitSpec s) {
        List<String> argv = new ArrayList<>();
        argv.add(s.unshare());
        s.uid().ifPresent(u -> argv.addAll(List.of("--setuid", Integer.toString(u))));
        s.gid().ifPresent(g -> argv.addAll(List.of("--setgid", Integer.toString(g))));
        argv.add("--root=.");
        argv.add("--wd=" + s.initDir());
        argv.add("--");
        argv.add(s.init());
        argv.addAll(s.initArgs());
        return argv;
    }

    /** The domain name as a host name: the kernel takes at most 64 bytes (a longer name is cut). */
    static String hostname(String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        if (b.length <= HOST_NAME_MAX) {
            return name;
        }
        int end = HOST_NAME_MAX;
        while (end > 0 && (b[end] & 0xC0) == 0x80) {
            end--; // never cut a UTF-8 sequence
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * The environment of init, exactly (docs/lxc.md#a-container-definition), then the
     * {@code <initenv>} entries in order; an entry with a built-in name replaces it.
     */
    public static Map<String, String> environment(InitSpec s) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/bin:/sbin");
        env.put("TERM", "linux");
        env.put("container", "jvirt");
        env.put("HOME", "/");
        env.put("container_uuid", s.uuid().toString());
        env.put("LIBVIRT_LXC_UUID", s.uuid().toString());
        env.put("LIBVIRT_LXC_NAME", s.name());
        s.cmdline().ifPresent(c -> env.put("LIBVIRT_LXC_CMDLINE", c));
        for (InitSpec.EnvVar v : s.initEnv()) {
            env.put(v.name(), v.value());
        }
        return env;
    }
}
