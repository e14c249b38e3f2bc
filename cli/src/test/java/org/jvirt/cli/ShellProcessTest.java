package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * jvirsh as a separate process ({@code java -cp <test class path> org.jvirt.cli.Main}) on the
 * fake connection: arguments, {@code ;} lists, standard input, exit statuses, stderr, and never
 * a Java stack trace.
 */
class ShellProcessTest {
    record Run(String stdout, String stderr, int status) {
    }

    private static Run jvirsh(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("jvirsh ended").isTrue();
        return new Run(new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8), p.exitValue());
    }

    private static void noStackTrace(Run r) {
        assertThat(r.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void commandStringWithSemicolons() throws Exception {
        Run r = jvirsh("", "-c", "test:///default", "list --all; vcpupin test");
        assertThat(r.status()).isZero();
        assertThat(r.stdout()).isEqualTo(" Id   Name   State\n----------------------\n 1    test   running\n\n"
                + " VCPU   CPU Affinity\n----------------------\n 0      0-7\n 1      0-7\n\n");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void restOfArgvIsOneCommand() throws Exception {
        Run r = jvirsh("", "-c", "test:///default", "domstate", "test", "--reason");
        assertThat(r.stdout()).isEqualTo("running (unknown)\n\n");
        assertThat(r.status()).isZero();
    }

    @Test
    void failingCommandPrintsErrorAndExitsOne() throws Exception {
        Run r = jvirsh("", "-c", "test:///default", "domstate nosuch");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("error: failed to get domain 'nosuch'\n");
        noStackTrace(r);
    }

    @Test
    void unknownCommandAndOption() throws Exception {
        Run r = jvirsh("", "-c", "test:///default", "nosuch");
        assertThat(r.stderr()).isEqualTo("error: unknown command: 'nosuch'\n");
        assertThat(r.status()).isEqualTo(1);
        Run o = jvirsh("", "-c", "test:///default", "list --bogus");
        assertThat(o.stderr()).isEqualTo("error: command 'list' doesn't support option --bogus\n");
        assertThat(o.status()).isEqualTo(1);
        Run g = jvirsh("", "--frobnicate");
        assertThat(g.stderr()).isEqualTo("error: unsupported option '--frobnicate'. See --help.\n");
        assertThat(g.status()).isEqualTo(1);
    }

    @Test
    void standardInputOneCommandPerLine() throws Exception {
        Run r = jvirsh("uri\n# a comment\nhostname; domid test\ndomstate nosuch\n", "-c", "test:///default");
        String host = org.jvirt.host.HostName.ofThisHost();
        assertThat(r.stdout()).isEqualTo("test:///default\n\n" + host + "\n\n1\n\n\n");
        assertThat(r.stderr()).isEqualTo("error: failed to get domain 'nosuch'\n");
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void quitEndsStandardInput() throws Exception {
        Run r = jvirsh("uri\nquit\nhostname\n", "-c", "test:///default");
        assertThat(r.stdout()).isEqualTo("test:///default\n\n");
        assertThat(r.status()).isZero();
    }

    @Test
    void quietAndTiming() throws Exception {
        Run q = jvirsh("", "-q", "-c", "test:///default", "list --all");
        assertThat(q.stdout()).isEqualTo(" 1   test   running\n");
        Run t = jvirsh("", "-t", "-c", "test:///default", "uri");
        assertThat(t.stdout()).matches("test:///default\n\n\\(Time: \\d+\\.\\d{3} ms\\)\n\n");
    }

    @Test
    void connectionFailureIsAnErrorNotAStackTrace() throws Exception {
        Run r = jvirsh("", "-c", "nowhere:///x", "uri");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: failed to connect to the hypervisor\nerror: no connection driver");
        noStackTrace(r);
    }

    @Test
    void badInputNeverCrashes() throws Exception {
        Run r = jvirsh("", "-c", "test:///default",
                "vcpupin test 1 99999999999999999999; setvcpus test 99999999999; vcpupin test 1 '0-,'; "
                        + "define /nonexistent/x.xml; echo 'unterminated");
        assertThat(r.status()).isZero();
        assertThat(r.stderr()).contains("error: Invalid cpulist '99999999999999999999'",
                "error: Numeric value '99999999999' for <count> option is malformed or out of range",
                "error: Failed to open file '/nonexistent/x.xml': No such file or directory");
        noStackTrace(r);
    }

    @Test
    void debugShowsTheDebugLogAndTheStackTrace() throws Exception {
        Run r = jvirsh("", "-d", "-c", "test:///default", "domstate nosuch");
        assertThat(r.stderr()).startsWith("debug: Interpreter: command: domstate nosuch\n"
                + "debug: Session: connected to test:///default (TEST driver)\n"
                + "error: failed to get domain 'nosuch'\n").contains("\tat ");
        Run level = jvirsh("", "-d", "3", "-c", "test:///default", "domstate nosuch");
        assertThat(level.stderr()).isEqualTo("error: failed to get domain 'nosuch'\n");
    }
}
