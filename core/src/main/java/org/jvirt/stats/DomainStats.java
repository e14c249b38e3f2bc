package org.jvirt.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jvirt.StateInfo;

/**
 * One domain's record of {@code virsh domstats}: the groups asked for (a group the domain
 * cannot give, such as CPU time of a stopped domain, is empty).
 */
public record DomainStats(String name, UUID uuid, Optional<StateInfo> state, Optional<CpuTime> cpu,
                          Optional<BalloonStats> balloon, Optional<VcpuStats> vcpu) {
    public DomainStats {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(balloon, "balloon");
        Objects.requireNonNull(vcpu, "vcpu");
    }

    /** Every field, named, typed and ordered as libvirt sends them. */
    public List<StatsField> fields() {
        List<StatsField> out = new ArrayList<>();
        state.ifPresent(s -> {
            out.add(new StatsField("state.state", StatsField.Type.INT, s.state().number()));
            out.add(new StatsField("state.reason", StatsField.Type.INT, ReasonNumbers.of(s)));
        });
        cpu.ifPresent(c -> {
            out.add(new StatsField("cpu.time", StatsField.Type.ULLONG, c.totalNs()));
            out.add(new StatsField("cpu.user", StatsField.Type.ULLONG, c.userNs()));
            out.add(new StatsField("cpu.system", StatsField.Type.ULLONG, c.systemNs()));
        });
        balloon.ifPresent(b -> {
            out.add(new StatsField("balloon.current", StatsField.Type.ULLONG, b.currentKiB()));
            out.add(new StatsField("balloon.maximum", StatsField.Type.ULLONG, b.maximumKiB()));
            b.rssKiB().ifPresent(r -> out.add(new StatsField("balloon.rss", StatsField.Type.ULLONG, r)));
        });
        vcpu.ifPresent(v -> {
            out.add(new StatsField("vcpu.current", StatsField.Type.UINT, v.current()));
            out.add(new StatsField("vcpu.maximum", StatsField.Type.UINT, v.maximum()));
            for (VcpuStat s : v.vcpus()) {
                String p = "vcpu." + s.vcpu() + ".";
                out.add(new StatsField(p + "state", StatsField.Type.INT, s.state().number()));
                if (s.state() != VcpuState.OFFLINE) {
                    out.add(new StatsField(p + "time", StatsField.Type.ULLONG, s.timeNs()));
                    out.add(new StatsField(p + "wait", StatsField.Type.ULLONG, s.waitNs()));
                    out.add(new StatsField(p + "delay", StatsField.Type.ULLONG, s.delayNs()));
                }
            }
        });
        return out;
    }
}
