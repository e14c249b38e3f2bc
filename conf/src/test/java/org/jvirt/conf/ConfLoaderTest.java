package org.jvirt.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfLoaderTest {
    @TempDir
    Path tmp;

    private Path root() throws IOException {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("etc/jvirt"));
        return root;
    }

    private Path userDir() throws IOException {
        return Files.createDirectories(tmp.resolve("user"));
    }

    private static void write(Path p, String text) throws IOException {
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    @Test
    void envDirComesFirst() throws IOException {
        Path root = root();
        Path user = userDir();
        write(user.resolve("qemu.conf"), "user = \"from-env\"\n");
        write(root.resolve("etc/jvirt/qemu.conf"), "user = \"from-etc\"\n");
        ConfLoader loader = new ConfLoader(ConfLocations.of(Map.of("JVIRT_CONF_DIR", user.toString()), root));
        ConfFile f = loader.load("qemu.conf");
        assertThat(f.getString("user", "")).isEqualTo("from-env");
        assertThat(f.fileName()).isEqualTo(user.resolve("qemu.conf").toString());
    }

    @Test
    void etcIsUsedWhenTheEnvDirLacksTheFileOrIsUnset() throws IOException {
        Path root = root();
        Path user = userDir();
        write(root.resolve("etc/jvirt/qemu.conf"), "user = \"from-etc\"\n");
        assertThat(new ConfLoader(ConfLocations.of(Map.of("JVIRT_CONF_DIR", user.toString()), root))
                .load("qemu.conf").getString("user", "")).isEqualTo("from-etc");
        assertThat(new ConfLoader(ConfLocations.of(Map.of(), root)).load("qemu.conf").getString("user", ""))
                .isEqualTo("from-etc");
        assertThat(new ConfLoader(ConfLocations.of(Map.of("JVIRT_CONF_DIR", "  "), root))
                .load("qemu.conf").getString("user", "")).isEqualTo("from-etc");
    }

    @Test
    void builtInDefaultIsTheLastResortAndSetsNothing() throws IOException {
        ConfFile f = new ConfLoader(ConfLocations.of(Map.of(), root())).load("qemu.conf");
        assertThat(f.fileName()).isEqualTo("<built-in qemu.conf>");
        assertThat(f.entries()).isEmpty();
        assertThat(f.getString("emulator", "dflt")).isEqualTo("dflt");
    }

    @Test
    void unknownNameIsAnErrorListingWhereItLooked() throws IOException {
        Path root = root();
        ConfLoader loader = new ConfLoader(ConfLocations.of(Map.of("JVIRT_CONF_DIR", userDir().toString()), root));
        assertThatThrownBy(() -> loader.load("nosuch.conf")).isInstanceOf(ConfException.class)
                .hasMessageContaining("no such configuration file: looked in " + tmp.resolve("user/nosuch.conf"))
                .hasMessageContaining(root.resolve("etc/jvirt/nosuch.conf").toString())
                .hasMessageEndingWith("and the built-in defaults");
    }

    @Test
    void namesMustBePlainFileNames() throws IOException {
        ConfLoader loader = new ConfLoader(ConfLocations.of(Map.of(), root()));
        for (String bad : new String[] {"../qemu.conf", "/etc/passwd", "a/b.conf", "", ".hidden"}) {
            assertThatThrownBy(() -> loader.load(bad)).as(bad).isInstanceOf(ConfException.class)
                    .hasMessageContaining("not a configuration file name");
        }
        assertThatThrownBy(() -> loader.load(null)).isInstanceOf(ConfException.class);
    }

    /** The hand-written check is the pattern {@code [A-Za-z0-9][A-Za-z0-9_.-]*}: seeded random names. */
    @Test
    void thePlainNameCheckIsItsPattern() {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
        String alphabet = "aZ09_.-/ \u00e9\u0661:";
        java.util.Random random = new java.util.Random(13);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder name = new StringBuilder();
            for (int i = random.nextInt(6); i > 0; i--) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = name.toString();
            assertThat(ConfLoader.isPlainName(s)).as("'%s'", s)
                    .isEqualTo(pattern.matcher(s).matches());
        }
        assertThat(ConfLoader.isPlainName(null)).isFalse();
    }

    @Test
    void aBrokenFileIsAnErrorNotSkipped() throws IOException {
        Path root = root();
        Path etc = root.resolve("etc/jvirt/qemu.conf");
        write(etc, "user = \"root\"\nmax_files = 'x\n");
        ConfLoader loader = new ConfLoader(ConfLocations.of(Map.of(), root));
        assertThatThrownBy(() -> loader.load("qemu.conf"))
                .hasMessageStartingWith(etc + ":2:15: unterminated string");
    }

    @Test
    void nonUtf8DirectoryAndOversizedFilesAreErrors() throws IOException {
        Path root = root();
        Path etc = root.resolve("etc/jvirt");
        Files.write(etc.resolve("bad.conf"), new byte[] {'a', '=', '"', (byte) 0xC3, (byte) 0x28, '"'});
        Files.createDirectories(etc.resolve("dir.conf"));
        try (var ch = Files.newByteChannel(etc.resolve("huge.conf"),
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ch.position(ConfParser.MAX_CHARS); // sparse: costs no disk
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'#'}));
        }
        ConfLoader loader = new ConfLoader(ConfLocations.of(Map.of(), root));
        assertThatThrownBy(() -> loader.load("bad.conf")).hasMessage(etc.resolve("bad.conf") + ": not valid UTF-8 text");
        assertThatThrownBy(() -> loader.load("dir.conf")).hasMessage(etc.resolve("dir.conf") + ": not a regular file");
        assertThatThrownBy(() -> loader.load("huge.conf"))
                .hasMessage(etc.resolve("huge.conf") + ": file too large: " + (ConfParser.MAX_CHARS + 1)
                        + " bytes, the limit is " + ConfParser.MAX_CHARS);
    }

    @Test
    void unreadableFileIsAnError() throws IOException {
        Path root = root();
        Path f = root.resolve("etc/jvirt/secret.conf");
        write(f, "a = 1\n");
        f.toFile().setReadable(false, false);
        try {
            if (Files.isReadable(f)) {
                return; // running as root: permissions do not apply; nothing to test here
            }
            assertThatThrownBy(() -> new ConfLoader(ConfLocations.of(Map.of(), root)).load("secret.conf"))
                    .hasMessageStartingWith(f + ": cannot read:");
        } finally {
            f.toFile().setReadable(true, false);
        }
    }

    @Test
    void locationsFromEnvironment() {
        ConfLocations l = ConfLocations.of(Map.of("JVIRT_CONF_DIR", "/x/y", "OTHER", "z"), Path.of("/r"));
        assertThat(l.userDir()).contains(Path.of("/x/y"));
        assertThat(l.systemDir()).isEqualTo(Path.of("/r/etc/jvirt"));
        assertThat(ConfLocations.of(Map.of(), Path.of("/")).userDir()).isEmpty();
        assertThatThrownBy(() -> ConfLocations.of(Map.of("JVIRT_CONF_DIR", "a\u0000b"), Path.of("/")))
                .isInstanceOf(ConfException.class).hasMessageStartingWith("JVIRT_CONF_DIR: not a usable directory name");
    }
}
