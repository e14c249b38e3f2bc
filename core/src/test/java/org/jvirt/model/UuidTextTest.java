package org.jvirt.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class UuidTextTest {
    @Test
    void writesWhatUuidToStringWrites() {
        Random random = new Random(20261207L);
        for (int i = 0; i < 10_000; i++) {
            UUID u = new UUID(random.nextLong(), random.nextLong());
            assertThat(UuidText.of(u)).isEqualTo(u.toString());
        }
        for (UUID u : new UUID[] {new UUID(0, 0), new UUID(-1, -1), new UUID(Long.MIN_VALUE, 1),
                UUID.fromString("6695eb01-f6a4-8304-79aa-97f2502e193f")}) {
            assertThat(UuidText.of(u)).isEqualTo(u.toString());
        }
    }
}
