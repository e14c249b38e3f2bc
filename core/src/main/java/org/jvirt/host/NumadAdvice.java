package org.jvirt.host;

import java.util.Objects;

import org.jvirt.model.CpuSet;

/** numad's placement advice: the NUMA nodes a new domain should use (never empty). */
public record NumadAdvice(CpuSet nodeset) {
    public NumadAdvice {
        Objects.requireNonNull(nodeset, "nodeset");
        if (nodeset.isEmpty()) {
            throw new IllegalArgumentException("empty node set");
        }
    }
}
