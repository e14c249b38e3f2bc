package org.jvirt.driver.lxc.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cgroup v2 device program (BPF_PROG_TYPE_CGROUP_DEVICE) that allows exactly the devices of a
 * v1-style allow list ({@code TYPE MAJOR:MINOR ACCESS}, e.g. {@code c 1:3 rwm}, {@code c 136:* rw},
 * {@code a *:* m}) and denies every other open and mknod, as {@code devices.deny a} followed by
 * {@code devices.allow} lines does on v1. The kernel runs it for each device access of a process
 * in the cgroup it is attached to, with {@code struct bpf_cgroup_dev_ctx} ({@code access_type}:
 * device type in the low 16 bits, access in the high; {@code major}; {@code minor}); it answers 1
 * (allow) or 0 (deny).
 */
public final class DeviceFilter {
    private static final Pattern RULE = Pattern.compile("([abc]) (\\d+|\\*):(\\d+|\\*) ([rwm]{1,3})");
    /** bpf_cgroup_dev_ctx device types and access bits (include/uapi/linux/bpf.h). */
    private static final int DEV_BLOCK = 1;
    private static final int DEV_CHAR = 2;
    private static final int ACC_MKNOD = 1;
    private static final int ACC_READ = 2;
    private static final int ACC_WRITE = 4;

    // instruction classes and operations (include/uapi/linux/bpf_common.h, bpf.h)
    private static final int LDX_MEM_W = 0x61;
    private static final int ALU64_AND_K = 0x57;
    private static final int ALU64_RSH_K = 0x77;
    private static final int ALU64_MOV_K = 0xb7;
    private static final int ALU64_MOV_X = 0xbf;
    private static final int JMP_JNE_K = 0x55;
    private static final int JMP_EXIT = 0x95;

    private DeviceFilter() {
    }

    /** One instruction (struct bpf_insn). */
    record Insn(int code, int dst, int src, int off, int imm) {
    }

    /** The program for {@code allowRules}, as the kernel loads it (8 bytes per instruction, host order). */
    public static byte[] program(List<String> allowRules) {
        List<Insn> insns = instructions(allowRules);
        ByteBuffer b = ByteBuffer.allocate(insns.size() * 8).order(ByteOrder.nativeOrder());
        for (Insn i : insns) {
            b.put((byte) i.code());
            // dst_reg in the low nibble, src_reg in the high one (bitfields of a little-endian host)
            b.put((byte) (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? (i.src() << 4) | i.dst()
                    : (i.dst() << 4) | i.src()));
            b.putShort((short) i.off());
            b.putInt(i.imm());
        }
        return b.array();
    }

    /**
     * r2 = device type, r3 = access, r4 = major, r5 = minor; then per rule a block that jumps to
     * the next rule on any mismatch and returns 1 otherwise; finally return 0.
     */
    static List<Insn> instructions(List<String> allowRules) {
        List<Insn> p = new ArrayList<>();
        p.add(new Insn(LDX_MEM_W, 2, 1, 0, 0));
        p.add(new Insn(ALU64_AND_K, 2, 0, 0, 0xFFFF));
        p.add(new Insn(LDX_MEM_W, 3, 1, 0, 0));
        p.add(new Insn(ALU64_RSH_K, 3, 0, 0, 16));
        p.add(new Insn(LDX_MEM_W, 4, 1, 4, 0));
        p.add(new Insn(LDX_MEM_W, 5, 1, 8, 0));
        for (String rule : allowRules) {
            List<Insn> block = block(rule);
            p.addAll(block);
        }
        p.add(new Insn(ALU64_MOV_K, 0, 0, 0, 0));
        p.add(new Insn(JMP_EXIT, 0, 0, 0, 0));
        return p;
    }

    /** The checks of one rule; a mismatch skips the rest of the block (offsets count from the next insn). */
    private static List<Insn> block(String rule) {
        Matcher m = RULE.matcher(rule.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid device rule '" + rule
                    + "': expected TYPE MAJOR:MINOR ACCESS, e.g. 'c 1:3 rwm'");
        }
        List<Insn[]> checks = new ArrayList<>(); // each check: instructions, the last a JNE to patch
        char type = m.group(1).charAt(0);
        if (type != 'a') {
            checks.add(new Insn[] {new Insn(JMP_JNE_K, 2, 0, 0, type == 'b' ? DEV_BLOCK : DEV_CHAR)});
        }
        int access = 0;
        for (char c : m.group(4).toCharArray()) {
            access |= c == 'r' ? ACC_READ : c == 'w' ? ACC_WRITE : ACC_MKNOD;
        }
        if (access != (ACC_READ | ACC_WRITE | ACC_MKNOD)) {
            // every requested access must be among the allowed ones: (access & ~allowed) == 0
            checks.add(new Insn[] {new Insn(ALU64_MOV_X, 1, 3, 0, 0), new Insn(ALU64_AND_K, 1, 0, 0, ~access & 7),
                new Insn(JMP_JNE_K, 1, 0, 0, 0)});
        }
        if (!m.group(2).equals("*")) {
            checks.add(new Insn[] {new Insn(JMP_JNE_K, 4, 0, 0, Integer.parseInt(m.group(2)))});
        }
        if (!m.group(3).equals("*")) {
            checks.add(new Insn[] {new Insn(JMP_JNE_K, 5, 0, 0, Integer.parseInt(m.group(3)))});
        }
        int length = 2; // r0 = 1; exit
        for (Insn[] c : checks) {
            length += c.length;
        }
        List<Insn> out = new ArrayList<>();
        for (Insn[] c : checks) {
            for (int i = 0; i < c.length - 1; i++) {
                out.add(c[i]);
            }
            Insn jne = c[c.length - 1];
            int after = length - (out.size() + 1); // instructions left after this jump in the block
            out.add(new Insn(jne.code(), jne.dst(), jne.src(), after, jne.imm()));
        }
        out.add(new Insn(ALU64_MOV_K, 0, 0, 0, 1));
        out.add(new Insn(JMP_EXIT, 0, 0, 0, 0));
        return out;
    }

    /**
     * What the program answers for one access, computed by interpreting its instructions (the
     * kernel's semantics of the few instructions it uses), for tests and diagnostics.
     */
    public static boolean allows(List<String> allowRules, char type, int major, int minor, String access) {
        List<Insn> p = instructions(allowRules);
        int acc = 0;
        for (char c : access.toCharArray()) {
            acc |= c == 'r' ? ACC_READ : c == 'w' ? ACC_WRITE : ACC_MKNOD;
        }
        long[] ctx = {(long) acc << 16 | (type == 'b' ? DEV_BLOCK : DEV_CHAR), major, minor};
        long[] r = new long[11];
        for (int pc = 0; pc < p.size(); pc++) {
            Insn i = p.get(pc);
            switch (i.code()) {
                case LDX_MEM_W -> r[i.dst()] = ctx[i.off() / 4] & 0xFFFF_FFFFL;
                case ALU64_AND_K -> r[i.dst()] &= i.imm();
                case ALU64_RSH_K -> r[i.dst()] >>>= i.imm();
                case ALU64_MOV_K -> r[i.dst()] = i.imm();
                case ALU64_MOV_X -> r[i.dst()] = r[i.src()];
                case JMP_JNE_K -> pc += r[i.dst()] != i.imm() ? i.off() : 0;
                case JMP_EXIT -> {
                    return r[0] == 1;
                }
                default -> throw new IllegalStateException("unknown instruction " + i.code());
            }
        }
        throw new IllegalStateException("the program fell off its end");
    }
}
