package org.jvirt.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class InitCommandTest {
    private static final UUID ID = UUID.fromString("5e69c49b-0000-4000-8000-000000000001");

    static InitSpec spec(boolean net, boolean user, OptionalInt uid, List<InitSpec.EnvVar> env,
                           Optional<String> cmdline) {
        return new InitSpec("/usr/bin/unshare", "/usr/bin/setpriv", "ct1", ID, Path.of("/srv/ct1"), true,
                new InitPlanner.RunFiles(Path.of("/run/j/ct-stage2"), Path.of("/run/j/ct1.d"), Path.of("/run/j/ct1.go")),
                net, user, "/bin/sh", List.of("-c", "sleep 1000"), env, "/work", uid, OptionalInt.empty(), cmdline,
                Optional.of("-sys_module,-mknod"), List.of());
    }

    @Test
    void argvOfAPlainContainer() {
        InitSpec s = spec(false, false, OptionalInt.empty(), List.of(), Optional.empty());
        assertThat(InitCommand.argv(s)).containsExactly("/usr/bin/unshare", "--pid", "--fork", "--kill-child",
                "--mount", "--propagation", "private", "--uts", "--ipc", "--",
                "/run/j/ct-stage2", "/run/j/ct1.go", "/run/j/ct1.d/ready", "0", "/run/j/ct1.d/root",
                "/run/j/ct1.d/mounts.early",
                "/run/j/ct1.d/dev", "/run/j/ct1.d/mounts.late", "--",
                "/usr/bin/setpriv", "--inh-caps=-all", "--bounding-set=-sys_module,-mknod", "--",
                "/bin/sh", "-c", InitCommand.WAIT, "jvirt-init", "/work", "/bin/sh", "-c", "sleep 1000");
    }

    @Test
    void netAndUserNamespacesAndIds() {
        InitSpec s = spec(true, true, OptionalInt.of(1000), List.of(), Optional.empty());
        List<String> argv = InitCommand.argv(s);
        assertThat(argv.subList(0, 13)).containsExactly("/usr/bin/unshare", "--pid", "--fork", "--kill-child",
                "--mount", "--propagation", "private", "--uts", "--ipc", "--net", "--user", "--keep-caps", "--");
        assertThat(argv).containsSequence("/run/j/ct1.go", "/run/j/ct1.d/ready", "1", "/run/j/ct1.d/root");
        assertThat(InitCommand.finalStep(s)).containsExactly("/usr/bin/setpriv", "--inh-caps=-all",
                "--bounding-set=-sys_module,-mknod", "--reuid=1000", "--clear-groups", "--", "/bin/sh", "-c",
                InitCommand.WAIT, "jvirt-init", "/work", "/bin/sh", "-c", "sleep 1000");
    }

    @Test
    void theWaitingShellIsTheTailOfTheFinalStepAndThatOfStageTwosArguments() {
        InitSpec s = spec(false, true, OptionalInt.of(7), List.of(), Optional.empty());
        List<String> argv = InitCommand.argv(s);
        List<String> last = InitCommand.finalStep(s);
        assertThat(argv.subList(argv.size() - last.size(), argv.size())).isEqualTo(last);
        assertThat(argv.get(argv.size() - last.size() - 1)).isEqualTo("--");
        List<String> waiting = InitCommand.waitingStep(s);
        assertThat(last.subList(last.size() - waiting.size(), last.size())).isEqualTo(waiting);
        assertThat(waiting.subList(0, 4)).containsExactly("/bin/sh", "-c", InitCommand.WAIT, "jvirt-init");
    }

    @Test
    void environmentIsExactlyTheDocumentedOneThenInitenv() {
        InitSpec s = spec(false, false, OptionalInt.empty(),
                List.of(new InitSpec.EnvVar("FOO", "bar"), new InitSpec.EnvVar("TERM", "xterm")),
                Optional.of("quiet"));
        Map<String, String> env = InitCommand.environment(s);
        assertThat(env).containsExactly(
                Map.entry("PATH", "/bin:/sbin"), Map.entry("TERM", "xterm"), Map.entry("container", "jvirt"),
                Map.entry("HOME", "/"), Map.entry("container_uuid", ID.toString()),
                Map.entry("LIBVIRT_LXC_UUID", ID.toString()), Map.entry("LIBVIRT_LXC_NAME", "ct1"),
                Map.entry("LIBVIRT_LXC_CMDLINE", "quiet"), Map.entry("FOO", "bar"));
    }

    @Test
    void hostNameIsCutAt64BytesOnACharacterBoundary() {
        assertThat(InitCommand.hostname("ct1")).isEqualTo("ct1");
        String longName = "x".repeat(63) + "\u00e9tage";
        assertThat(InitCommand.hostname(longName)).isEqualTo("x".repeat(63));
        assertThat(InitCommand.hostname("y".repeat(70))).hasSize(64);
    }
}
