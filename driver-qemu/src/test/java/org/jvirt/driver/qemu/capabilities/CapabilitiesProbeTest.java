package org.jvirt.driver.qemu.capabilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.driver.qemu.RealHost;
import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;

class CapabilitiesProbeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void parsesAliasesDefaultsAndKvm() throws Exception {
        QemuCaps caps = CapabilitiesProbe.parse("/q", JSON.readTree("{\"qemu\":{\"major\":7,\"minor\":2,\"micro\":22}}"),
                JSON.readTree("[{\"name\":\"pc-q35-7.2\",\"alias\":\"q35\",\"cpu-max\":288},"
                        + "{\"name\":\"pc-i440fx-7.2\",\"alias\":\"pc\",\"is-default\":true,\"cpu-max\":255},"
                        + "{\"name\":\"pc-i440fx-6.2\",\"cpu-max\":255},{\"name\":\"none\",\"cpu-max\":1}]"),
                JSON.readTree("{\"enabled\":true,\"present\":true}"));
        assertThat(caps.version().toString()).isEqualTo("7.2.22");
        assertThat(caps.canonicalMachine("pc")).isEqualTo("pc-i440fx-7.2");
        assertThat(caps.canonicalMachine("q35")).isEqualTo("pc-q35-7.2");
        assertThat(caps.canonicalMachine("pc-i440fx-6.2")).isEqualTo("pc-i440fx-6.2");
        assertThat(caps.defaultMachine()).isEqualTo("pc-i440fx-7.2");
        assertThat(caps.maxCpus("pc-q35-7.2")).isEqualTo(288);
        assertThat(caps.kvm()).isTrue();
        assertThatThrownBy(() -> caps.canonicalMachine("virt")).isInstanceOfSatisfying(VirtException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_UNSUPPORTED));
    }

    @Test
    void missingBinaryIsNoSupport() {
        assertThatThrownBy(() -> new CapabilitiesProbe(dir).probe("/nonexistent/qemu"))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_SUPPORT);
                    assertThat(e.getMessage()).contains("/nonexistent/qemu", "emulator");
                });
    }

    /**
     * A binary that exits at once (here: QEMU refusing a monitor path longer than a Unix socket's
     * address, as under a long state_dir) fails the probe when it exits, with what it said, not at
     * the probe's 30 s timeout (the test waits 20 s for it).
     */
    @Test
    void aQemuThatExitsAtOnceFailsTheProbeWithWhatItSaid() throws Exception {
        Path fake = dir.resolve("fake-qemu");
        Files.writeString(fake, "#!/bin/sh\necho 'qemu-fake: UNIX socket path is too long' >&2\nexit 1\n");
        fake.toFile().setExecutable(true);
        Path cache = dir.resolve("cache");
        java.util.concurrent.CompletableFuture<Throwable> probe = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                new CapabilitiesProbe(cache).probe(fake.toString());
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        Throwable failure = probe.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(failure).isInstanceOfSatisfying(VirtException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NO_SUPPORT);
            assertThat(e.getMessage()).contains("QEMU exited before its monitor", "qemu-fake: UNIX socket path is too long");
        });
    }

    @Test
    void probesRealQemuOnceAndCachesInAFile() throws Exception {
        RealHost.requireQemu();
        QemuCaps caps = new CapabilitiesProbe(dir).probe(RealHost.QEMU);
        assertThat(caps.canonicalMachine("pc")).startsWith("pc-i440fx-");
        assertThat(caps.canonicalMachine("q35")).startsWith("pc-q35-");
        assertThat(caps.kvm()).isEqualTo(RealHost.kvm());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).singleElement().satisfies(
                    n -> assertThat(n).startsWith("caps-").endsWith(".json"));
        }
        assertThat(new CapabilitiesProbe(dir).probe(RealHost.QEMU)).isEqualTo(caps);
        // a new probe answers from the file without running QEMU: a mark put into the file comes back
        Path file;
        try (var files = Files.list(dir)) {
            file = files.findFirst().orElseThrow();
        }
        String pc = caps.canonicalMachine("pc");
        Files.writeString(file, Files.readString(file).replace("\"" + pc + "\"", "\"pc-i440fx-from-the-cache\""));
        assertThat(new CapabilitiesProbe(dir).probe(RealHost.QEMU).canonicalMachine("pc")).isEqualTo("pc-i440fx-from-the-cache");
    }
}
