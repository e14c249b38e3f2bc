package org.jvirt.xml;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.jvirt.DomainState;
import org.jvirt.StateReason;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;

/**
 * The run-time status of an active domain as a real driver persists it
 * ({@code <run dir>/<name>.status.xml}, see {@link StatusStore}) to find it again from another JVM.
 *
 * @param pid        the domain's main process (QEMU; the container's init, host pid)
 * @param startTime  that process's start time (/proc/PID/stat field 22), to tell a reused pid
 * @param numadNodes the numad node set used at start, if placement was auto
 * @param attributes driver-specific strings (QMP socket, vCPU thread ids, cgroup paths ...),
 *                   sorted by name; names and values without control characters
 */
public record DomainStatus(DomainState state, StateReason reason, int id, DomainDef live, long pid, long startTime,
        Optional<CpuSet> numadNodes, Map<String, String> attributes) {
    public DomainStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(numadNodes, "numadNodes");
        TreeMap<String, String> sorted = new TreeMap<>();
        attributes.forEach((k, v) -> {
            check(k, "name");
            check(v, "value of '" + k + "'");
            if (k.isEmpty()) {
                throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "status attribute with an empty name");
            }
            sorted.put(k, v);
        });
        attributes = Collections.unmodifiableMap(sorted);
    }

    /** The domain's name (of the live definition). */
    public String name() {
        return live.name();
    }

    /** The same status with attribute {@code key} set. */
    public DomainStatus withAttribute(String key, String value) {
        TreeMap<String, String> a = new TreeMap<>(attributes);
        a.put(key, value);
        return new DomainStatus(state, reason, id, live, pid, startTime, numadNodes, a);
    }

    public DomainStatus withState(DomainState newState, StateReason newReason) {
        return new DomainStatus(newState, newReason, id, live, pid, startTime, numadNodes, attributes);
    }

    public DomainStatus withLive(DomainDef newLive) {
        return new DomainStatus(state, reason, id, newLive, pid, startTime, numadNodes, attributes);
    }

    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    private static void check(String s, String what) {
        if (s == null) {
            throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE, "status attribute %s is missing", what);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                throw VirtException.of(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                        "status attribute %s contains the control character U+%04X at position %d", what, (int) c, i + 1);
            }
        }
    }
}
