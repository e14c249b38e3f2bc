package org.jvirt.driver.lxc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.DomainDef;
import org.jvirt.model.Features;
import org.jvirt.model.OpaqueNode;

/**
 * {@code <features><capabilities policy='default|allow|deny'><NAME state='on|off'/>...}: which
 * capabilities a container's processes may ever hold (docs/lxc.md#capabilities: libvirt's LXC
 * driver's rules, applied before init is executed):
 * <ul>
 * <li>{@code default} (also without the element): drop {@code sys_module}, {@code sys_time},
 * {@code mknod}, {@code audit_control} and {@code mac_admin} unless turned on, and every
 * capability turned off;</li>
 * <li>{@code allow}: drop only what is turned off;</li>
 * <li>{@code deny}: drop everything (also capabilities the list does not name) but what is
 * turned on.</li>
 * </ul>
 * A child without {@code state} is on. {@code sys_boot} stays by default: the kernel turns a
 * reboot inside the container's pid namespace into the end of its init, which jvirt restarts.
 * A capability left out is removed from the bounding set, the inheritable and the ambient set,
 * so neither init nor anything it executes (setuid or file-capability programs included) can gain
 * it.
 */
public final class CapabilityPolicy {
    /** The capabilities the element may name, in libvirt's order (its schema has no others). */
    public static final List<String> NAMES = List.of("audit_control", "audit_write", "block_suspend", "chown",
            "dac_override", "dac_read_search", "fowner", "fsetid", "ipc_lock", "ipc_owner", "kill", "lease",
            "linux_immutable", "mac_admin", "mac_override", "mknod", "net_admin", "net_bind_service", "net_broadcast",
            "net_raw", "setgid", "setfcap", "setpcap", "setuid", "sys_admin", "sys_boot", "sys_chroot", "sys_module",
            "sys_nice", "sys_pacct", "sys_ptrace", "sys_rawio", "sys_resource", "sys_time", "sys_tty_config", "syslog",
            "wake_alarm");
    /** What the default policy drops unless turned on. */
    public static final List<String> DEFAULT_DROPS = List.of("sys_module", "sys_time", "mknod", "audit_control",
            "mac_admin");

    /** The {@code policy} attribute. */
    public enum Policy {
        DEFAULT, ALLOW, DENY
    }

    private final Policy policy;
    private final Map<String, Boolean> states;

    private CapabilityPolicy(Policy policy, Map<String, Boolean> states) {
        this.policy = policy;
        this.states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    public Policy policy() {
        return policy;
    }

    /** The capabilities named in the element: true for on, false for off, in document order. */
    public Map<String, Boolean> states() {
        return states;
    }

    /**
     * The policy of {@code def} (the default one without the element); a policy other than the
     * three, or a state other than on and off, is XML_INVALID; an unknown capability is
     * CONFIG_UNSUPPORTED, as libvirt answers at define.
     */
    public static CapabilityPolicy of(DomainDef def) {
        List<OpaqueNode.Element> found = def.features().map(Features::extras)
                .map(e -> e.elements("capabilities")).orElse(List.of());
        if (found.isEmpty()) {
            return new CapabilityPolicy(Policy.DEFAULT, Map.of());
        }
        if (found.size() > 1) {
            throw xml("features: <capabilities> may appear only once");
        }
        OpaqueNode.Element e = found.get(0);
        String p = e.attribute("policy").orElse("default");
        Policy policy = switch (p) {
            case "default" -> Policy.DEFAULT;
            case "allow" -> Policy.ALLOW;
            case "deny" -> Policy.DENY;
            default -> throw xml("features: <capabilities policy='%s'> must be default, allow or deny", p);
        };
        Map<String, Boolean> states = new LinkedHashMap<>();
        for (OpaqueNode n : e.content()) {
            if (n instanceof OpaqueNode.Element c) {
                if (!c.namespaceUri().isEmpty() || !NAMES.contains(c.name())) {
                    throw VirtException.of(ErrorCode.CONFIG_UNSUPPORTED, ErrorDomain.LXC,
                            "features: unexpected capability feature '%s' in <capabilities> (known: %s)", c.name(),
                            String.join(", ", NAMES));
                }
                String state = c.attribute("state").orElse("on");
                if (!state.equals("on") && !state.equals("off")) {
                    throw xml("features: <capabilities><%s state='%s'/>: state must be on or off", c.name(), state);
                }
                if (states.put(c.name(), state.equals("on")) != null) {
                    throw xml("features: capability '%s' appears twice in <capabilities>", c.name());
                }
            }
        }
        return new CapabilityPolicy(policy, states);
    }

    /** Whether {@code name} (one of {@link #NAMES}) is dropped. */
    public boolean drops(String name) {
        Boolean state = states.get(name);
        return switch (policy) {
            case DENY -> !Boolean.TRUE.equals(state);
            case ALLOW -> Boolean.FALSE.equals(state);
            case DEFAULT -> DEFAULT_DROPS.contains(name) ? !Boolean.TRUE.equals(state) : Boolean.FALSE.equals(state);
        };
    }

    /**
     * The bounding set in setpriv(1)'s syntax: {@code -all,+NAME...} for deny (also drops the
     * capabilities the list does not name), {@code -NAME,...} otherwise; empty when nothing is
     * dropped.
     */
    public Optional<String> boundingSet() {
        List<String> parts = new ArrayList<>();
        if (policy == Policy.DENY) {
            parts.add("-all");
            NAMES.stream().filter(n -> !drops(n)).forEach(n -> parts.add("+" + n));
        } else {
            NAMES.stream().filter(this::drops).forEach(n -> parts.add("-" + n));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(",", parts));
    }

    private static VirtException xml(String format, Object... args) {
        return VirtException.of(ErrorCode.XML_INVALID, ErrorDomain.LXC, format, args);
    }
}
