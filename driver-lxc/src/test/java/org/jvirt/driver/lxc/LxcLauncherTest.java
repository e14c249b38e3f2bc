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
        assertThat(LxcLauncher.beforeInit(List.of("setpriv", "--reuid=0", "--regid=0", "--clear-groups", "--",
                "/bin/sh", "/run/j/ct-stage2", "-"), spec)).as("setpriv making stage 2 the namespace's root").isTrue();
        assertThat(LxcLauncher.beforeInit(InitCommand.finalStep(spec), spec)).as("the final unshare").isTrue();
    }

    /** The final step with ids: its options come before --root (the order the start race missed). */
    @Test
    void theFinalStepWithIdsComesBeforeTheInit() {
        InitSpec asUser = new InitSpec(spec.unshare(), spec.stage2(), spec.name(), spec.uuid(), spec.rootSource(),
                false, spec.stage(), spec.goFifo(), spec.readyFile(), false, true, "/bin/sleep", List.of("1000"),
                List.of(), "/", OptionalInt.of(0), OptionalInt.of(0), Optional.empty());
        assertThat(LxcLauncher.beforeInit(List.of("/usr/bin/unshare", "--setuid", "0", "--setgid", "0",
                "--root=.", "--wd=/", "--", "/bin/sleep", "1000"), asUser)).isTrue();
        assertThat(LxcLauncher.beforeInit(List.of("/bin/sleep", "1000"), asUser)).isFalse();
    }

    @Test
    void anythingElseIsTheInitHoweverItIsRun() {
        assertThat(LxcLauncher.beforeInit(List.of("/bin/sleep", "1000"), spec)).isFalse();
        assertThat(LxcLauncher.beforeInit(List.of("sleep"), spec)).as("found in PATH").isFalse();
        assertThat(LxcLauncher.beforeInit(List.of("/bin/sh", "/sbin/init.sh", "--verbose"), spec))
                .as("a script run by its interpreter").isFalse();
        assertThat(LxcLauncher.beforeInit(List.of("/usr/bin/unshare", "--help"), spec))
                .as("unshare as the init").isFalse();
        assertThat(LxcLauncher.beforeInit(List.of("/usr/bin/unshare", "--root=.", "--wd=/", "--", "/bin/other"),
                spec)).as("an unshare of another command line").isFalse();
    }
}
