package org.jvirt.stats;

/** A vCPU's state as libvirt numbers it ({@code vcpu.N.state}, {@code virsh vcpuinfo}). */
public enum VcpuState {
    OFFLINE(0, "offline"),
    RUNNING(1, "running"),
    BLOCKED(2, "blocked");

    private final int number;
    private final String word;

    VcpuState(int number, String word) {
        this.number = number;
        this.word = word;
    }

    public int number() {
        return number;
    }

    public String word() {
        return word;
    }
}
