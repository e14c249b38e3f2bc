package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** VcpuEntry's own equals and hashCode answer as a record's generated ones would. */
class VcpuEntryTest {
    private static VcpuEntry random(Random random) {
        return new VcpuEntry(random.nextInt(3), random.nextBoolean(), random.nextBoolean(), random.nextInt(3));
    }

    @Test
    void equalExactlyWhenEveryComponentIs() {
        Random random = new Random(20261209L); // seeded: a failure repeats
        for (int i = 0; i < 2_000; i++) {
            VcpuEntry a = random(random);
            VcpuEntry b = random(random);
            boolean components = a.id() == b.id() && a.enabled() == b.enabled() && a.hotpluggable() == b.hotpluggable()
                    && a.order() == b.order();
            assertThat(a.equals(b)).as(a + " / " + b).isEqualTo(components);
            if (components) {
                assertThat(a.hashCode()).isEqualTo(b.hashCode());
            }
        }
        VcpuEntry e = VcpuEntry.defaultFor(1, true);
        assertThat(e).isEqualTo(e).isNotEqualTo(null).isNotEqualTo("vcpu 1");
    }
}
