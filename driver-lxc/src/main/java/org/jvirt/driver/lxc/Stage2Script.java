package org.jvirt.driver.lxc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.IoReason;
import org.jvirt.error.VirtException;

/**
 * The stage-2 shell script ({@code ct-stage2}) shipped inside the jar and installed at run time
 * into the driver's run directory (mode 0700), so a container start needs nothing from jvirt
 * outside that directory.
 */
public final class Stage2Script {
    public static final String FILE_NAME = "ct-stage2";
    private static final String RESOURCE = "/org/jvirt/driver/lxc/" + FILE_NAME;

    private Stage2Script() {
    }

    /** The script text. */
    public static String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes() {
        try (InputStream in = Stage2Script.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw VirtException.of(ErrorCode.INTERNAL_ERROR, ErrorDomain.LXC,
                        "the jar lacks its stage-2 script %s", RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new VirtException(ErrorCode.INTERNAL_ERROR, ErrorDomain.LXC,
                    "cannot read the stage-2 script: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the script to {@code dir/ct-stage2} unless an identical copy is there; the file is
     * replaced atomically (temp file + rename), so a concurrent start never runs half a script.
     */
    public static Path install(Path dir) {
        Path target = dir.resolve(FILE_NAME);
        byte[] content = bytes();
        try {
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)
                    && Files.isExecutable(target)) {
                return target;
            }
            Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try {
                Files.write(tmp, content);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.LXC,
                    "cannot install the stage-2 script into " + dir + ": " + IoReason.of(e), e);
        }
    }
}
