package org.jvirt.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuTune;

class SchedulerRulesTest {
    private static final EnumSet<SchedulerParameter> ALL = EnumSet.allOf(SchedulerParameter.class);

    private static void refused(SchedulerParameter p, long value, boolean live, String message) {
        assertThatThrownBy(() -> SchedulerRules.check(SchedulerParameters.of(p, value), ALL, live))
                .isInstanceOf(VirtException.class).hasMessageContaining(message)
                .extracting(e -> ((VirtException) e).code()).isEqualTo(ErrorCode.INVALID_ARG);
    }

    @Test
    void libvirtRangesAreEnforced() {
        refused(SchedulerParameter.VCPU_PERIOD, 999, true, "value of 'vcpu_period' is out of range [1000, 1000000]");
        refused(SchedulerParameter.GLOBAL_PERIOD, 1_000_001, false, "'global_period' is out of range");
        refused(SchedulerParameter.VCPU_QUOTA, 500, true, "'vcpu_quota' is out of range [1000, 17592186044415]");
        refused(SchedulerParameter.IOTHREAD_QUOTA, 17592186044416L, false, "'iothread_quota'");
        refused(SchedulerParameter.CPU_SHARES, 1, false, "'cpu_shares' is out of range [2, 262144]");
        refused(SchedulerParameter.CPU_SHARES, 262145, true, "'cpu_shares'");
        refused(SchedulerParameter.CPU_SHARES, 0, true, "'cpu_shares'");
        refused(SchedulerParameter.EMULATOR_PERIOD, -1, false, "'emulator_period'");
        for (long ok : new long[] {1000, 1000000, 0}) {
            SchedulerRules.check(SchedulerParameters.of(SchedulerParameter.VCPU_PERIOD, ok), ALL, true);
        }
        for (long ok : new long[] {-1, -5, 0, 1000, 17592186044415L}) {
            SchedulerRules.check(SchedulerParameters.of(SchedulerParameter.GLOBAL_QUOTA, ok), ALL, true);
        }
        SchedulerRules.check(SchedulerParameters.of(SchedulerParameter.CPU_SHARES, 0), ALL, false);
    }

    @Test
    void aParameterTheDriverLacksIsRefused() {
        assertThatThrownBy(() -> SchedulerRules.check(SchedulerParameters.of(SchedulerParameter.EMULATOR_QUOTA, 5000),
                EnumSet.of(SchedulerParameter.CPU_SHARES), true)).hasMessageContaining("invalid scheduler option: "
                + "emulator_quota (this driver has cpu_shares)");
    }

    @Test
    void zeroRemovesFromTheDefinitionAndLeavesTheKernelAlone() {
        CpuTune t = SchedulerRules.apply(CpuTune.EMPTY, SchedulerParameters.of(SchedulerParameter.VCPU_QUOTA, -7)
                .with(SchedulerParameter.EMULATOR_PERIOD, 5000).with(SchedulerParameter.CPU_SHARES, 512));
        assertThat(t.quota()).isEqualTo(OptionalLong.of(-1));
        assertThat(t.emulatorPeriod()).isEqualTo(OptionalLong.of(5000));
        assertThat(t.globalPeriod()).isEmpty();
        CpuTune cleared = SchedulerRules.apply(t, SchedulerParameters.of(SchedulerParameter.EMULATOR_PERIOD, 0));
        assertThat(cleared.emulatorPeriod()).isEmpty();
        assertThat(cleared.shares()).isEqualTo(OptionalLong.of(512));
        assertThat(SchedulerRules.forLive(SchedulerParameters.of(SchedulerParameter.VCPU_PERIOD, 0)
                .with(SchedulerParameter.VCPU_QUOTA, -3))).isEqualTo(SchedulerParameters.of(SchedulerParameter.VCPU_QUOTA, -1));
    }

    /** Seeded: every parameter set then read back through a definition gives the value set. */
    @Test
    void everyParameterLandsInItsOwnElement() {
        Random r = new Random(17);
        for (int round = 0; round < 200; round++) {
            SchedulerParameter p = SchedulerParameter.values()[r.nextInt(SchedulerParameter.values().length)];
            long v = p.kind().min() + (long) (r.nextDouble() * (Math.min(p.kind().max(), 10_000_000) - p.kind().min()));
            CpuTune t = SchedulerRules.apply(CpuTune.EMPTY, SchedulerParameters.of(p, v));
            assertThat(SchedulerRules.valueIn(t, p)).isEqualTo(OptionalLong.of(v));
            for (SchedulerParameter other : SchedulerParameter.values()) {
                if (other != p) {
                    assertThat(SchedulerRules.valueIn(t, other)).as("%s after setting %s", other, p).isEmpty();
                }
            }
            assertThat(SchedulerRules.ofDefinition(t, ALL).get(p)).isEqualTo(OptionalLong.of(v));
        }
    }
}
