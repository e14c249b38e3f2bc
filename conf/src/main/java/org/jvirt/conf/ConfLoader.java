package org.jvirt.conf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds and parses a conf file by name: {@code $JVIRT_CONF_DIR/NAME}, else
 * {@code /etc/jvirt/NAME}, else the documented default shipped in the jar (classpath resource
 * {@code /org/jvirt/conf/defaults/NAME}, every key commented out, so it parses to no entries and
 * is taken as such without being read).
 *
 * <p>The first file that <em>exists</em> wins; files are not merged. A file that exists but
 * cannot be read, is too large, is not UTF-8 or does not parse is an error: it is never skipped
 * in favour of the next location.
 */
public final class ConfLoader {
    /** The directory of the shipped defaults on the classpath. */
    public static final String DEFAULTS_RESOURCE_DIR = "/org/jvirt/conf/defaults/";


    /** The files shipped in {@link #DEFAULTS_RESOURCE_DIR}; each parses to no entries. */
    static final Set<String> SHIPPED = Set.of("jvirt.conf", "qemu.conf", "lxc.conf", "jvirtd.conf");

    private final ConfLocations locations;

    public ConfLoader(ConfLocations locations) {
        this.locations = Objects.requireNonNull(locations, "locations");
    }

    /** A loader over the real environment and {@code /}. */
    public static ConfLoader system() {
        return new ConfLoader(ConfLocations.system());
    }

    /**
     * Loads {@code name} (a plain file name such as {@code qemu.conf}).
     *
     * @throws ConfException when no location has it, or the file found is unusable
     */
    public ConfFile load(String name) {
        checkName(name);
        List<Path> candidates = new ArrayList<>();
        if (locations.userDir().isPresent()) {
            candidates.add(locations.userDir().get().resolve(name));
        }
        candidates.add(locations.systemDir().resolve(name));
        for (Path p : candidates) {
            if (Files.exists(p)) {
                return ConfFile.parse(readFile(p), p.toString());
            }
        }
        if (SHIPPED.contains(name)) {
            // the shipped default sets nothing (every key commented out), so it is not read: a
            // resource lookup opens the jar, which a one-shot jvirsh otherwise never does
            return ConfFile.parse("", "<built-in " + name + ">");
        }
        StringBuilder where = new StringBuilder();
        for (Path p : candidates) {
            where.append(p).append(", ");
        }
        throw new ConfException(name, 0, 0, "no such configuration file: looked in " + where
                + "and the built-in defaults");
    }

    /** The text of the default shipped in the jar, if jvirt ships one with this name. */
    public static Optional<String> defaultText(String name) {
        checkName(name);
        try (InputStream in = ConfLoader.class.getResourceAsStream(DEFAULTS_RESOURCE_DIR + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readNBytes(ConfParser.MAX_CHARS + 1);
            return Optional.of(decode(bytes, "<built-in " + name + ">"));
        } catch (IOException e) {
            throw new ConfException("<built-in " + name + ">", 0, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    private static String readFile(Path p) {
        String file = p.toString();
        try {
            if (!Files.isRegularFile(p)) {
                throw new ConfException(file, 0, 0, "not a regular file");
            }
            long size = Files.size(p);
            if (size > ConfParser.MAX_CHARS) {
                throw new ConfException(file, 0, 0, "file too large: " + size + " bytes, the limit is "
                        + ConfParser.MAX_CHARS);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(p)) {
                bytes = in.readNBytes(ConfParser.MAX_CHARS + 1); // the file may grow while we read
            }
            if (bytes.length > ConfParser.MAX_CHARS) {
                throw new ConfException(file, 0, 0, "file too large: the limit is " + ConfParser.MAX_CHARS
                        + " bytes");
            }
            return decode(bytes, file);
        } catch (IOException e) {
            throw new ConfException(file, 0, 0, "cannot read: " + e, e);
        }
    }

    private static String decode(byte[] bytes, String file) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfException(file, 0, 0, "not valid UTF-8 text", e);
        }
    }

    /**
     * A plain file name: {@code [A-Za-z0-9][A-Za-z0-9_.-]*}, checked by hand, as every command reads
     * jvirt.conf: on JDK 17 java.util.regex's first pattern links the JDK's method handles
     * (its character classes are lambdas), which a one-shot command need not pay for.
     */
    static boolean isPlainName(String name) {
        if (name == null || name.isEmpty() || !isAsciiAlnum(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAsciiAlnum(c) && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static void checkName(String name) {
        if (!isPlainName(name)) {
            throw new ConfException(String.valueOf(name), 0, 0,
                    "not a configuration file name (a plain file name like qemu.conf is expected)");
        }
    }
}
