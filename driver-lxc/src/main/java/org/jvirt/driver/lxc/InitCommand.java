package org.jvirt.driver.lxc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jvirt.model.UuidText;

/**
 * The command lines of a container's start (docs/lxc.md#how-a-container-starts), as pure
 * functions of a {@link InitSpec}:
 * <pre>
 * unshare --pid --fork --kill-child --mount --propagation private --uts --ipc [--net] [--user --keep-caps]
 *         -- STAGE2 GO READY NSROOT STAGE EARLY DEV LATE -- FINAL...
 * FINAL   = setpriv --inh-caps=-all [--bounding-set=CAPS] [--reuid=U] [--regid=G --clear-groups] -- WAITING...
 * WAITING = /bin/sh -c WAIT jvirt-init WORKDIR INIT ARGS...
 * </pre>
 * Stage 2 runs as PID 1 of the new namespaces (its positional parameters are documented in the
 * script, {@code ct-stage2}); it mounts the root and executes FINAL as given: setpriv takes init's
 * capabilities and ids, and the shell it runs waits on the FIFO until the driver has made the
 * assembled root the namespace's root, then changes into WORKDIR and executes init. The driver
 * knows both command lines exactly and recognises them while it waits.
 */
public final class InitCommand {
    /** {@code $0} of the waiting shell. */
    public static final String WAITING_NAME = "jvirt-init";
    /**
     * The waiting shell's script. File descriptor 4 (the run directory's {@code ready} file, opened
     * by stage 2) gets one line once the shell runs its script, its libraries loaded from the host's
     * root; file descriptor 3 (the FIFO) then brings "init" once its root is the container's. Its
     * arguments: WORKDIR INIT ARGS.
     */
    static final String WAIT = String.join("\n",
            "echo waiting >&4; exec 4>&-",
            "read -r line <&3 && [ \"$line\" = init ] || { echo \"jvirt-init: no signal to execute init\" >&2; exit 125; }",
            "exec 3<&-",
            "cd \"$1\" || exit 125",
            "shift",
            "unset PWD OLDPWD",
            "exec \"$@\"");
    private static final String SHELL = "/bin/sh";
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
        argv.add(s.files().readyFile().toString());
        argv.add(s.user() ? "1" : "0");
        argv.add(s.stage().toString());
        argv.add(s.files().earlyMounts().toString());
        argv.add(s.files().devTemplate().toString());
        argv.add(s.files().lateMounts().toString());
        argv.add("--");
        argv.addAll(finalStep(s));
        return argv;
    }

    /**
     * The command stage 2 ends with: setpriv drops the capabilities the policy leaves out (also
     * from the inheritable and so the ambient set) and takes init's ids, then runs
     * {@link #waitingStep}.
     */
    public static List<String> finalStep(InitSpec s) {
        List<String> argv = new ArrayList<>();
        argv.add(s.setpriv());
        argv.add("--inh-caps=-all");
        s.boundingSet().ifPresent(b -> argv.add("--bounding-set=" + b));
        s.uid().ifPresent(u -> argv.add("--reuid=" + u));
        s.gid().ifPresent(g -> argv.add("--regid=" + g));
        if (s.uid().isPresent() || s.gid().isPresent()) {
            argv.add("--clear-groups");
        }
        argv.add("--");
        argv.addAll(waitingStep(s));
        return argv;
    }

    /** PID 1's command line while it waits for its root, the last one before init's own. */
    public static List<String> waitingStep(InitSpec s) {
        List<String> argv = new ArrayList<>(List.of(SHELL, "-c", WAIT, WAITING_NAME, s.initDir(), s.init()));
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
        env.put("container_uuid", UuidText.of(s.uuid()));
        env.put("LIBVIRT_LXC_UUID", UuidText.of(s.uuid()));
        env.put("LIBVIRT_LXC_NAME", s.name());
        s.cmdline().ifPresent(c -> env.put("LIBVIRT_LXC_CMDLINE", c));
        for (InitSpec.EnvVar v : s.initEnv()) {
            env.put(v.name(), v.value());
        }
        return env;
    }
}
