package org.jvirt.host.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.jvirt.host.NumadAdvice;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;
import org.jvirt.model.CpuSet;

class NumadTest {
    /** A fake runner answering with a fixed result and recording what it was asked. */
    static final class FakeRunner implements CommandRunner {
        final CommandResult result;
        final List<List<String>> calls = new ArrayList<>();
        final List<Duration> timeouts = new ArrayList<>();

        FakeRunner(CommandResult result) {
            this.result = result;
        }

        @Override
        public CommandResult run(List<String> argv, Duration timeout) {
            calls.add(List.copyOf(argv));
            timeouts.add(timeout);
            return result;
        }
    }

    private static Numad numad(FakeRunner r) {
        return new Numad(r, "/usr/bin/numad", Duration.ofSeconds(7));
    }

    private static VirtException numadError(CommandResult result) {
        try {
            numad(new FakeRunner(result)).advise(2, 1024);
        } catch (VirtException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.NUMAD);
            assertThat(e.domain()).isEqualTo(ErrorDomain.HOST);
            return e;
        }
        throw new AssertionError("no error for " + result);
    }

    @Test
    void runsNumadWithVcpusAndMibAndNoShell() {
        FakeRunner r = new FakeRunner(CommandResult.exited(0, "0\n", ""));
        assertThat(numad(r).advise(4, 2048)).isEqualTo(new NumadAdvice(CpuSet.of(0)));
        assertThat(r.calls).containsExactly(List.of("/usr/bin/numad", "-w", "4:2048"));
        assertThat(r.timeouts).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void parsesNodeSets() {
        assertThat(numad(new FakeRunner(CommandResult.exited(0, "0-1\n", ""))).advise(1, 1).nodeset())
                .isEqualTo(CpuSet.parse("0-1"));
        assertThat(numad(new FakeRunner(CommandResult.exited(0, "  1,3 \n", "noise"))).advise(1, 1).nodeset())
                .isEqualTo(CpuSet.of(1, 3));
    }

    @Test
    void missingNumad() {
        assertThat(numadError(CommandResult.notFound("/usr/bin/numad does not exist")).getMessage())
                .isEqualTo("numad is not available (/usr/bin/numad does not exist): placement='auto' needs numad "
                        + "installed (or its path set with 'numad' in the driver's conf file)");
    }

    @Test
    void notStartable() {
        assertThat(numadError(CommandResult.failedToStart("/usr/bin/numad: error=13, Permission denied"))
                .getMessage()).isEqualTo("cannot run numad: /usr/bin/numad: error=13, Permission denied");
    }

    @Test
    void timeout() {
        assertThat(numadError(CommandResult.timedOut("slow")).getMessage())
                .isEqualTo("'/usr/bin/numad -w 2:1024' gave no advice within 7000 ms");
    }

    @Test
    void nonZeroExitShowsWhatNumadSaid() {
        assertThat(numadError(CommandResult.exited(1, "", "Can't parse arg value(s): x\nmore\n")).getMessage())
                .isEqualTo("'/usr/bin/numad -w 2:1024' failed with exit status 1: Can't parse arg value(s): x ...");
        assertThat(numadError(CommandResult.exited(3, "out only", "")).getMessage())
                .isEqualTo("'/usr/bin/numad -w 2:1024' failed with exit status 3: out only");
        assertThat(numadError(CommandResult.exited(3, "", "")).getMessage())
                .isEqualTo("'/usr/bin/numad -w 2:1024' failed with exit status 3");
    }

    @Test
    void garbageOutput() {
        assertThat(numadError(CommandResult.exited(0, "nodes: 0\n", "")).getMessage())
                .isEqualTo("'/usr/bin/numad -w 2:1024' printed 'nodes: 0', which is not a NUMA node set");
        assertThat(numadError(CommandResult.exited(0, "0\n1\n", "")).getMessage())
                .isEqualTo("'/usr/bin/numad -w 2:1024' printed '0 ...', which is not a NUMA node set");
        assertThat(numadError(CommandResult.exited(0, "0,^0", "")).getMessage()).contains("which is not a NUMA node set");
        assertThat(numadError(CommandResult.exited(0, "99999999", "")).getMessage()).contains("not a NUMA node set");
        assertThat(numadError(CommandResult.exited(0, "\u001b[1m" + "x".repeat(200), "")).getMessage())
                .contains("printed '\\u001b[1m" + "x".repeat(71) + "...'");
        assertThat(numadError(CommandResult.exited(0, "  \n", "")).getMessage())
                .isEqualTo("'/usr/bin/numad -w 2:1024' printed no node set");
    }

    @Test
    void badArguments() {
        Numad n = numad(new FakeRunner(CommandResult.exited(0, "0", "")));
        assertThatThrownBy(() -> n.advise(0, 1)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
        assertThatThrownBy(() -> n.advise(1, 0)).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARG));
        assertThatThrownBy(() -> new Numad(new FakeRunner(null), "/x", Duration.ZERO))
                .isInstanceOf(VirtException.class).hasMessageContaining("timeout must be positive");
        assertThatThrownBy(() -> new Numad(new FakeRunner(null), " ", Duration.ofSeconds(1)))
                .isInstanceOf(VirtException.class).hasMessageContaining("path is empty");
    }

    /** The real numad, when installed: required in CI (CI=true), skipped elsewhere. */
    @Test
    void realNumadGivesANodeSetOfThisHost() throws Exception {
        Path numad = Path.of(Numad.DEFAULT_PATH);
        if (!Files.isExecutable(numad)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("numad is not installed at " + numad + " but CI=true requires it");
            }
            Assumptions.abort("numad is not installed at " + numad);
        }
        NumadAdvice advice = new Numad(new ProcessCommandRunner(), numad.toString(), Duration.ofSeconds(60))
                .advise(1, 64);
        Path online = Path.of("/sys/devices/system/node/online");
        CpuSet nodes = Files.exists(online) ? CpuSet.parse(Files.readString(online).trim()) : CpuSet.of(0);
        assertThat(nodes.containsAll(advice.nodeset())).as("%s within %s", advice.nodeset(), nodes).isTrue();
    }
}
