package org.jvirt.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import java.util.ArrayList;
import java.util.List;

import org.jvirt.Jvirt;
import org.jvirt.cli.pinning.ThreadProbe;
import org.jvirt.connect.ConnectOptions;
import org.jvirt.event.DomainEvent;

/**
 * Runs jvirsh in process against the real test driver (each run opens its own
 * test:///default), capturing stdout, stderr and status.
 */
public final class JvirshHarness {
    /** What one run printed and returned. */
    public record Result(String stdout, String stderr, int status) {
    }

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);

    private final List<RecordingConnection> opened = new ArrayList<>();
    private List<DomainEvent> scripted = List.of();
    private ThreadProbe probe = ThreadProbe.driver();
    private String stdin = "";

    /** Every connection the last runs opened was closed. */
    public boolean allClosed() {
        return !opened.isEmpty() && opened.stream().allMatch(RecordingConnection::isClosed);
    }

    /** Subscribers of the connection's events get these instead of the driver's. */
    public JvirshHarness events(List<DomainEvent> events) {
        scripted = List.copyOf(events);
        return this;
    }

    /** pincheck sees these threads instead of the driver's. */
    public JvirshHarness probe(ThreadProbe value) {
        probe = value;
        return this;
    }

    public JvirshHarness stdin(String text) {
        stdin = text;
        return this;
    }

    private Jvirsh jvirsh() {
        return new Jvirsh((uri, readOnly) -> {
            RecordingConnection c = new RecordingConnection(
                    Jvirt.connect(uri, readOnly ? ConnectOptions.READ_ONLY : ConnectOptions.DEFAULT), scripted);
            opened.add(c);
            return c;
        }, new Seams(probe, CLOCK));
    }

    /** What a terminal shows: stdout and stderr in one stream, in the order printed. */
    public String runInterleaved(String... args) {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(both, true, StandardCharsets.UTF_8)) {
            Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, o, false, jvirsh());
        }
        return both.toString(StandardCharsets.UTF_8);
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Jvirsh jvirsh = jvirsh();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e, false,
                    jvirsh);
        }
        return new Result(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), status);
    }
}
