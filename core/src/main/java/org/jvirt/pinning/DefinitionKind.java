package org.jvirt.pinning;

/**
 * Which definition of a domain a change is checked against; only used to word messages
 * ({@code vcpu 9 is out of range: the live definition has vCPUs 0-3 (maximum 4)}).
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

    /**
     * The error for vCPU id {@code vcpu} outside {@code 0..max-1} of a definition of this kind
     * ({@code kind} null: the domain's): it names the ids that exist, since the maximum is not
     * what is online.
     */
    static org.jvirt.error.VirtException outOfRange(DefinitionKind kind, int vcpu, int max) {
        return org.jvirt.error.VirtException.of(org.jvirt.error.ErrorCode.INVALID_ARG,
                org.jvirt.error.ErrorDomain.PINNING, "vcpu %d is out of range: the %s has vCPUs 0-%d (maximum %d)", vcpu,
                kind == null ? "domain" : kind.word() + " definition", max - 1, max);
    }
}
