package org.jvirt.driver.lxc.linux;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * {@link NamespaceOps} through JNA, without a process: each operation runs on a thread of its own
 * that leaves the JVM's file system context ({@code unshare(CLONE_FS)}), joins the container's
 * namespace with setns(2), makes its calls and ends, so no other thread ever sees the container's
 * mounts or host name. Everything the thread calls is loaded before it joins.
 */
public final class JnaNamespaceOps implements NamespaceOps {
    private static final long JOIN_MILLIS = 10_000;

    private final LxcLibC libc;

    public JnaNamespaceOps() {
        this.libc = LxcLibC.load();
        // loaded now: on the joining thread a class could no longer be found on the host's paths
        new LastErrorException(0).getMessage();
    }

    @Override
    public void pivotRoot(long pid, Path newRoot, String putOld) {
        String oldRoot = "/" + putOld;
        String putOldPath = newRoot.resolve(putOld).toString();
        inNamespace(pid, "mnt", LxcLibC.CLONE_NEWNS, true, "change the root of", () -> {
            step("pivot_root " + newRoot, () -> libc.syscall(SyscallNumbers.current().pivotRoot, newRoot.toString(), putOldPath));
            step("detach the old root at " + oldRoot, () -> libc.umount2(oldRoot, LxcLibC.MNT_DETACH));
            step("remove " + oldRoot, () -> libc.rmdir(oldRoot));
        });
    }

    @Override
    public void setHostName(long pid, String hostName) {
        byte[] name = hostName.getBytes(StandardCharsets.UTF_8);
        inNamespace(pid, "uts", LxcLibC.CLONE_NEWUTS, false, "set the host name of",
                () -> step("sethostname", () -> libc.sethostname(name, new NativeLong(name.length))));
    }

    private interface Call {
        long run() throws LastErrorException;
    }

    private static void step(String what, Call call) {
        try {
            call.run();
        } catch (LastErrorException e) {
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code body} on a new thread in the namespace {@code kind} of {@code pid}; the thread
     * first gets a file system context of its own when {@code ownFs} (setns(2) into a mount
     * namespace requires it).
     */
    private void inNamespace(long pid, String kind, int nstype, boolean ownFs, String what, Runnable body) {
        int fd;
        try {
            fd = libc.open("/proc/" + pid + "/ns/" + kind, LxcLibC.O_RDONLY | LxcLibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw failure(what, pid, "cannot open its " + kind + " namespace: " + e.getMessage(), e);
        }
        AtomicReference<RuntimeException> error = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                if (ownFs) {
                    step("unshare(CLONE_FS)", () -> libc.unshare(LxcLibC.CLONE_FS));
                }
                step("setns " + kind, () -> libc.setns(fd, nstype));
                body.run();
            } catch (RuntimeException e) {
                error.set(e);
            }
        }, "jvirt-lxc-ns-" + pid);
        t.setDaemon(true);
        try {
            t.start();
            t.join(JOIN_MILLIS);
            if (t.isAlive()) {
                throw failure(what, pid, "the thread in its namespace did not finish within " + JOIN_MILLIS + " ms", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(what, pid, "interrupted", e);
        } finally {
            try {
                libc.close(fd);
            } catch (LastErrorException ignored) {
                // nothing to do about a failed close of a namespace file
            }
        }
        if (error.get() != null) {
            throw failure(what, pid, error.get().getMessage(), error.get());
        }
    }

    private static VirtException failure(String what, long pid, String detail, Throwable cause) {
        return new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.LXC,
                "cannot " + what + " the container of pid " + pid + ": " + detail, cause);
    }
}
