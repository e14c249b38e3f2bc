package org.jvirt.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoReasonTest {
    @TempDir
    Path dir;

    private static String reasonOf(ThrowingRunnable r) {
        try {
            r.run();
        } catch (IOException e) {
            return IoReason.of(e);
        }
        throw new AssertionError("no failure");
    }

    @Test
    void namesWhatTheSystemSaysNotTheExceptionClass() {
        assertThat(reasonOf(() -> Files.readString(dir.resolve("missing")))).isEqualTo("No such file or directory");
        assertThat(reasonOf(() -> Files.createDirectory(dir))).isEqualTo("File exists");
        assertThat(reasonOf(() -> {
            Files.writeString(dir.resolve("f"), "x");
            Files.newDirectoryStream(dir.resolve("f")).close();
        })).isEqualTo("Not a directory");
        assertThat(reasonOf(() -> {
            throw new IOException("disk on fire");
        })).isEqualTo("disk on fire");
        assertThat(reasonOf(() -> {
            throw new IOException();
        })).isEqualTo("IOException");
    }

    private interface ThrowingRunnable {
        void run() throws IOException;
    }
}
