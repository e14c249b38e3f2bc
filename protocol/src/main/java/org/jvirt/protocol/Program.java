package org.jvirt.protocol;

/** An RPC program: its number and version ({@code REMOTE} 0x20008086 v1, ...). */
public record Program(String name, int number, int version) {
    @Override
    public String toString() {
        return String.format("%s (0x%08x v%d)", name, number, version);
    }
}
