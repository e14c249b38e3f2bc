package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** Which command lines of a container's PID 1 are still the steps before its init. */
class LxcLauncherTest {
    private final InitSpec spec = InitCommandTest.spec(false, false, OptionalInt.empty(), List.of(), Optional.empty());

    @Test
    void stageTwoTheFinalUnshareAndAnExecInProgressComeBeforeTheInit() {
        assertThat(LxcLauncher.beforeInit(List.of(), spec)).as("exec in progress").isTrue();
        assertThat(LxcLauncher.beforeInit(List.of("/bin/sh", "/run/j/ct-stage2", "/run/j/ct1.go"), spec))
                .as("stage 2").isTrue();
        assertThat(LxcLauncher.beforeInit(List.of("/bin/sh", "/run/j/ct-stage2", "-", "/run/j/ready"), spec))
                .as("stage 2 again as the namespace's root").isTrue();
        assertThat(LxcLauncher.beforeInit(List.of("/usr/bin/unshare", "--root=.", "--wd=/", "--", "/bin/sleep"),
                spec)).as("the final unshare").isTrue();
    }

    @Test
    void anythingElseIsTheInitHoweverItIsRun() {
        assertThat(LxcLauncher.beforeInit(List.of("/bin/sleep", "1000"), spec)).isFalse();
        assertThat(LxcLauncher.beforeInit(List.of("sleep"), spec)).as("found in PATH").isFalse();
        assertThat(LxcLauncher.beforeInit(List.of("/bin/sh", "/sbin/init.sh", "--verbose"), spec))
                .as("a script run by its interpreter").isFalse();
        assertThat(LxcLauncher.beforeInit(List.of("/usr/bin/unshare", "--help"), spec))
                .as("unshare as the init").isFalse();
    }
}
