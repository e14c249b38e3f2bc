package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvirt.Connection;
import org.jvirt.DomainState;
import org.jvirt.Jvirt;

/**
 * {@code start/create --autodestroy}: the domain is destroyed when the shell's session ends (as
 * libvirt destroys it when virsh disconnects), unless that run of it ended before.
 */
class AutoDestroyTest {
    /** Runs jvirsh on {@code conn}, which outlives the run (its close is not passed on). */
    private static String run(Connection conn, String commands) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Jvirsh jvirsh = Jvirsh.withDefaults((uri, readOnly) -> new RecordingConnection(conn, List.of()) {
            @Override
            public void close() {
                // the test's connection stays open to look at the result
            }
        });
        try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Main.run(new String[] {"-c", "test:///default", commands}, new ByteArrayInputStream(new byte[0]), o, e,
                    false, jvirsh);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aDomainStartedWithAutodestroyEndsWithTheSession() {
        try (Connection conn = Jvirt.connect("test:///default")) {
            String d1 = GoldenFiles.xmlDir().resolve("d1.xml").toString();
            String err = run(conn, "destroy test; start test --autodestroy; create " + d1 + " --autodestroy; "
                    + "define " + d1 + "; list");
            assertThat(err).isEmpty();
            assertThat(conn.lookupByName("test").state().state()).isEqualTo(DomainState.SHUTOFF);
            assertThat(conn.lookupByName("d1").state().state()).isEqualTo(DomainState.SHUTOFF);
        }
    }

    @Test
    void aLaterRunWithoutTheOptionIsLeftAlone() {
        try (Connection conn = Jvirt.connect("test:///default")) {
            String d1 = GoldenFiles.xmlDir().resolve("d1.xml").toString();
            String err = run(conn, "destroy test; start test --autodestroy; destroy test; start test; "
                    + "create " + d1 + " --autodestroy; destroy d1");
            assertThat(err).isEmpty();
            assertThat(conn.lookupByName("test").state().state()).isEqualTo(DomainState.RUNNING);
        }
    }

    @Test
    void withoutTheOptionNothingIsDestroyed() {
        try (Connection conn = Jvirt.connect("test:///default")) {
            run(conn, "destroy test; start test");
            assertThat(conn.lookupByName("test").state().state()).isEqualTo(DomainState.RUNNING);
        }
    }
}
