package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.jvirt.model.CpuSet;
import org.jvirt.model.DomainDef;

class LxcLimitsTest {
    @Test
    void memoryFromMemoryElementOrHardLimit() {
        DomainDef plain = Defs.container("c", "<vcpu cpuset='1' current='1'>2</vcpu>", "");
        LxcLimits l = LxcLimits.of(plain, 1, CpuSet.of(1), LxcCpuTest.HOST, Optional.empty());
        assertThat(l.memoryBytes()).isEqualTo(128L << 20);
        assertThat(l.cpus()).isEqualTo(CpuSet.of(1));
        assertThat(l.bandwidth().quotaUs()).isEqualTo(100_000);
        assertThat(l.softBytes()).isEmpty();
        assertThat(l.devices()).contains("c 1:3 rwm", "c 136:* rwm");

        DomainDef tuned = Defs.container("c", "<vcpu>1</vcpu>", "<memtune><hard_limit unit='MiB'>64</hard_limit>"
                + "<soft_limit unit='MiB'>32</soft_limit><swap_hard_limit unit='MiB'>96</swap_hard_limit></memtune>"
                + "<cputune><shares>512</shares></cputune>");
        LxcLimits t = LxcLimits.of(tuned, 1, CpuSet.range(0, 7), LxcCpuTest.HOST, Optional.empty());
        assertThat(t.memoryBytes()).isEqualTo(64L << 20);
        assertThat(t.softBytes()).hasValue(32L << 20);
        assertThat(t.swapBytes()).hasValue(96L << 20);
        assertThat(t.shares()).hasValue(512);
    }
}
