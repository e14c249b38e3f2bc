package org.jvirt.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;
import org.jvirt.spi.Environment;

/** jvirt.conf's job_wait_timeout: how long a job waits for another job on the same domain. */
class JvirtConfTest {
    @TempDir
    Path dir;

    private JvirtConf load(String text) throws Exception {
        Files.writeString(dir.resolve("jvirt.conf"), text);
        return JvirtConf.load(Environment.of(Map.of("JVIRT_CONF_DIR", dir.toString())), dir.resolve("no-root"));
    }

    @Test
    void theJobWaitIsThirtySecondsUnlessSet() throws Exception {
        assertThat(load("").jobWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(load("job_wait_timeout = 1500\n").jobWait()).isEqualTo(Duration.ofMillis(1500));
        assertThat(load("job_wait_timeout = 0\n").jobWait()).isZero();
    }

    @Test
    void aBadJobWaitIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> load("job_wait_timeout = -1\n")).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONF_SYNTAX)).hasMessageContaining("job_wait_timeout");
        assertThatThrownBy(() -> load("job_wait_timeout = \"soon\"\n")).isInstanceOf(VirtException.class)
                .hasMessageContaining("job_wait_timeout");
    }
}
