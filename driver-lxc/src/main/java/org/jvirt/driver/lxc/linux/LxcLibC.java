package org.jvirt.driver.lxc.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * The libc calls of the container driver's Linux primitives (namespaces, root change, cgroup BPF),
 * through JNA; errors arrive as {@link LastErrorException} (errno).
 */
interface LxcLibC extends Library {
    int O_RDONLY = 0;
    int O_DIRECTORY = 0x10000;
    int O_CLOEXEC = 0x80000;
    int CLONE_FS = 0x200;
    int CLONE_NEWNS = 0x20000;
    int CLONE_NEWUTS = 0x04000000;
    int MNT_DETACH = 2;

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int unshare(int flags) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    int umount2(String target, int flags) throws LastErrorException;

    int rmdir(String path) throws LastErrorException;

    int sethostname(byte[] name, NativeLong len) throws LastErrorException;

    long syscall(long number, Object... args) throws LastErrorException;

    String strerror(int errnum);

    static LxcLibC load() {
        return Native.load("c", LxcLibC.class);
    }
}
