package org.jvirt.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.jvirt.cli.adapt.DefinitionPinningExplainer;
import org.jvirt.cli.adapt.PinningProbe;
import org.jvirt.cli.adapt.TopologyNodeInfoSource;
import org.jvirt.cli.fake.FakeConnection;

/** Runs jvirsh in process against a {@link FakeConnection}, capturing stdout, stderr and status. */
public final class JvirshHarness {
    /** What one run printed and returned. */
    public record Result(String stdout, String stderr, int status) {
    }

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);

    private final FakeConnection conn;
    private Optional<PinningProbe> probe = Optional.empty();
    private String stdin = "";

    public JvirshHarness(FakeConnection conn) {
        this.conn = conn;
    }

    public JvirshHarness() {
        this(new FakeConnection());
    }

    public FakeConnection connection() {
        return conn;
    }

    public JvirshHarness probe(PinningProbe value) {
        probe = Optional.of(value);
        return this;
    }

    public JvirshHarness stdin(String text) {
        stdin = text;
        return this;
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Extensions ext = new Extensions(new TopologyNodeInfoSource(), new DefinitionPinningExplainer(),
                c -> probe, CLOCK);
        Jvirsh jvirsh = new Jvirsh((uri, readOnly) -> {
            if (uri != null && !uri.equals(conn.uri())) {
                return new org.jvirt.cli.fake.FakeConnectionProvider().open(uri, readOnly);
            }
            return readOnly ? new FakeConnection(conn.uri(), true) : conn;
        }, ext);
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e, false,
                    jvirsh);
        }
        return new Result(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), status);
    }
}
