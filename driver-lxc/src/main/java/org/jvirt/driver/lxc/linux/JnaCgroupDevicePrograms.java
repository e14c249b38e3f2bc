package org.jvirt.driver.lxc.linux;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * {@link CgroupDevicePrograms} through bpf(2): BPF_PROG_LOAD of a BPF_PROG_TYPE_CGROUP_DEVICE
 * program, then BPF_PROG_ATTACH (BPF_CGROUP_DEVICE, BPF_F_ALLOW_MULTI) to the group's directory.
 * Both descriptors are closed afterwards: the attachment keeps the program.
 */
public final class JnaCgroupDevicePrograms implements CgroupDevicePrograms {
    private static final int BPF_PROG_LOAD = 5;
    private static final int BPF_PROG_ATTACH = 8;
    private static final int BPF_PROG_TYPE_CGROUP_DEVICE = 15;
    private static final int BPF_CGROUP_DEVICE = 6;
    private static final int BPF_F_ALLOW_MULTI = 2;
    /** The size of the part of union bpf_attr the two commands use (the kernel zero-checks the rest). */
    private static final int ATTR_SIZE = 128;
    private static final int LOG_SIZE = 64 * 1024;
    /** The program calls no kernel helper, so the license string only names its author. */
    private static final String LICENSE = "jvirt";

    private final LxcLibC libc;

    public JnaCgroupDevicePrograms() {
        this.libc = LxcLibC.load();
    }

    @Override
    public void attach(Path group, List<String> allowRules) {
        byte[] program = DeviceFilter.program(allowRules);
        int prog = load(group, program);
        try {
            int dir;
            try {
                dir = libc.open(group.toString(), LxcLibC.O_RDONLY | LxcLibC.O_DIRECTORY | LxcLibC.O_CLOEXEC);
            } catch (LastErrorException e) {
                throw failure(group, "cannot open the group: " + e.getMessage(), e);
            }
            try (Memory attr = new Memory(ATTR_SIZE)) {
                attr.clear();
                attr.setInt(0, dir); // target_fd
                attr.setInt(4, prog); // attach_bpf_fd
                attr.setInt(8, BPF_CGROUP_DEVICE); // attach_type
                attr.setInt(12, BPF_F_ALLOW_MULTI); // attach_flags
                libc.syscall(SyscallNumbers.current().bpf, BPF_PROG_ATTACH, attr, ATTR_SIZE);
            } catch (LastErrorException e) {
                throw failure(group, "BPF_PROG_ATTACH failed: " + e.getMessage(), e);
            } finally {
                close(dir);
            }
        } finally {
            close(prog);
        }
    }

    private int load(Path group, byte[] program) {
        byte[] license = (LICENSE + "\0").getBytes(StandardCharsets.US_ASCII);
        try (Memory insns = new Memory(program.length); Memory lic = new Memory(license.length);
             Memory log = new Memory(LOG_SIZE); Memory attr = new Memory(ATTR_SIZE)) {
            insns.write(0, program, 0, program.length);
            lic.write(0, license, 0, license.length);
            log.clear();
            attr.clear();
            attr.setInt(0, BPF_PROG_TYPE_CGROUP_DEVICE); // prog_type
            attr.setInt(4, program.length / 8); // insn_cnt
            attr.setLong(8, com.sun.jna.Pointer.nativeValue(insns)); // insns
            attr.setLong(16, com.sun.jna.Pointer.nativeValue(lic)); // license
            attr.setInt(24, 1); // log_level: the verifier explains a refusal
            attr.setInt(28, LOG_SIZE); // log_size
            attr.setLong(32, com.sun.jna.Pointer.nativeValue(log)); // log_buf
            try {
                return (int) libc.syscall(SyscallNumbers.current().bpf, BPF_PROG_LOAD, attr, ATTR_SIZE);
            } catch (LastErrorException e) {
                String verifier = log.getString(0, StandardCharsets.US_ASCII.name()).strip();
                throw failure(group, "BPF_PROG_LOAD failed: " + e.getMessage()
                        + (verifier.isEmpty() ? "" : " (verifier: " + verifier + ")"), e);
            }
        }
    }

    private void close(int fd) {
        try {
            libc.close(fd);
        } catch (LastErrorException ignored) {
            // a descriptor that cannot be closed is gone anyway
        }
    }

    private static VirtException failure(Path group, String detail, Throwable cause) {
        return new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.LXC,
                "cannot apply the device rules to cgroup " + group + ": " + detail, cause);
    }
}
