package org.jvirt.driver.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the kernel says about POSIX locks ({@code /proc/locks}): a lock is the process's, whichever descriptor took it. */
final class PosixLocks {
    private PosixLocks() {
    }

    /** Whether this process holds a POSIX lock on {@code file} in the kernel's table. */
    static boolean heldByThisProcess(Path file) throws IOException {
        long inode = (Long) Files.getAttribute(file, "unix:ino");
        String pid = Long.toString(ProcessHandle.current().pid());
        for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
            // "1: POSIX  ADVISORY  WRITE 1234 fd:01:5678 0 EOF": type, pid, major:minor:inode
            String[] f = line.trim().split("\\s+");
            if (f.length > 5 && f[1].equals("POSIX") && f[4].equals(pid) && f[5].endsWith(":" + inode)) {
                return true;
            }
        }
        return false;
    }
}
