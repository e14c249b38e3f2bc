package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Domain;
import org.jvirt.Jvirt;
import org.jvirt.ListFilter;
import org.slf4j.LoggerFactory;

/**
 * The library's SLF4J records in the shell: warnings and errors on stderr as virsh prints its
 * own, in order with stdout; the debug log with {@code -d}; a copy in {@code -l FILE}.
 */
class LoggingTest {
    /** A connection whose listing logs as a driver would. */
    private static Jvirsh loggingShell() {
        return Jvirsh.withDefaults((uri, readOnly) -> new RecordingConnection(Jvirt.connect(uri), List.of()) {
            @Override
            public List<Domain> listDomains(ListFilter filter) {
                var log = LoggerFactory.getLogger("org.jvirt.driver.fake.FakeDriver");
                log.debug("listing with {}", filter);
                log.info("an informative record");
                log.warn("ignoring the status file {}: {}", "/run/x.status.xml", "truncated");
                log.error("a record at error");
                return super.listDomains(filter);
            }
        });
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Main.run(args, new ByteArrayInputStream(new byte[0]), o, e, false, loggingShell());
        }
        return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void warningsAndErrorsAreOnStderrAsVirshPrintsThem() {
        String[] r = run("-c", "test:///default", "uri; list --name");
        assertThat(r[1]).isEqualTo("warning: ignoring the status file /run/x.status.xml: truncated\n"
                + "error: a record at error\n");
        assertThat(r[0]).isEqualTo("test:///default\n\ntest\n\n");
    }

    @Test
    void debugShowsTheDebugLog() {
        String[] r = run("-d", "-c", "test:///default", "list --name");
        assertThat(r[1]).contains("debug: Interpreter: command: list --name\n",
                "debug: Session: connected to test:///default (TEST driver)\n",
                "debug: FakeDriver: listing with ListFilter[flags=[ACTIVE]",
                "info: an informative record\n", "warning: ignoring the status file");
        String[] info = run("-d", "1", "-c", "test:///default", "list --name");
        assertThat(info[1]).doesNotContain("debug:").contains("info: an informative record\n");
        String[] errorsOnly = run("-d", "4", "-c", "test:///default", "list --name");
        assertThat(errorsOnly[1]).isEqualTo("error: a record at error\n");
    }

    @Test
    void theConnectedLineAsksTheHypervisorTypeOnlyWhenItIsLogged() {
        // through jvirtd or a daemon, asking is a round trip: a one-shot command must not pay it
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        Jvirsh shell = Jvirsh.withDefaults((uri, readOnly) -> new RecordingConnection(Jvirt.connect(uri), List.of()) {
            @Override
            public String hypervisorType() {
                asked.incrementAndGet();
                return super.hypervisorType();
            }
        });
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Main.run(new String[] {"-c", "test:///default", "domstate test"}, new ByteArrayInputStream(new byte[0]),
                    o, e, false, shell);
            assertThat(asked).hasValue(0);
            Main.run(new String[] {"-d", "-c", "test:///default", "domstate test"},
                    new ByteArrayInputStream(new byte[0]), o, e, false, shell);
        }
        assertThat(asked).hasValue(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("debug: Session: connected to test:///default (TEST driver)\n");
    }

    @Test
    void aLogFileGetsEveryDiagnostic(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("jvirsh.log");
        run("-l", log.toString(), "-c", "test:///default", "list --name; domstate nosuch");
        assertThat(Files.readAllLines(log)).hasSize(3).allMatch(l -> l.matches(
                "\\[\\d{4}\\.\\d\\d\\.\\d\\d \\d\\d:\\d\\d:\\d\\d jvirsh \\d+] (WARNING|ERROR) .*"));
        assertThat(Files.readString(log)).contains("] ERROR failed to get domain 'nosuch'\n");
    }

    @Test
    void outsideARunTheLoggersAreBackToTheirDefault() {
        run("-d", "-c", "test:///default", "uri");
        assertThat(LoggerFactory.getLogger("x").isDebugEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("x").isWarnEnabled()).isTrue();
    }
}
