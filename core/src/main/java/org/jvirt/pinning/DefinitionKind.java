package org.jvirt.pinning;

/**
 * Which definition of a domain a change is checked against; only used to word messages the way
 * libvirt does ({@code vcpu 9 is out of range of live cpu count 4}).
 */
public enum DefinitionKind {
    /** The definition the running domain uses. */
    LIVE("live"),
    /** The stored definition used at the next start. */
    PERSISTENT("persistent");

    private final String word;

    DefinitionKind(String word) {
        this.word = word;
    }

    /** {@code live} or {@code persistent}. */
    public String word() {
        return word;
    }
}
