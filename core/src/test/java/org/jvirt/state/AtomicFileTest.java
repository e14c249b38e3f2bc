package org.jvirt.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.VirtException;

class AtomicFileTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> writers() {
        return Stream.of(Arguments.of("write", (BiConsumer<Path, String>) AtomicFile::write),
                Arguments.of("replace", (BiConsumer<Path, String>) AtomicFile::replace));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void replacesTheWholeFileWithMode0600AndLeavesNoTemporaryFile(String how, BiConsumer<Path, String> writer)
            throws Exception {
        Path f = tmp.resolve("vm.status.xml");
        Files.writeString(f, "old content that is longer than the new one");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        writer.accept(f, "new");
        assertThat(f).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).containsExactly(f);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void aFailureNamesTheFileAndLeavesTheOldContent(String how, BiConsumer<Path, String> writer) throws Exception {
        Path dir = tmp.resolve("d");
        Files.createDirectory(dir);
        Path f = dir.resolve("vm.xml");
        Files.writeString(f, "old");
        Files.createDirectory(dir.resolve("sub"));
        assertThatThrownBy(() -> writer.accept(dir.resolve("sub"), "new"))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR))
                .hasMessageContaining(dir.resolve("sub").toString());
        assertThat(f).hasContent("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(f, dir.resolve("sub"));
        }
    }
}
