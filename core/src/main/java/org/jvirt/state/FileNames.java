package org.jvirt.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jvirt.error.ErrorCode;
import org.jvirt.error.ErrorDomain;
import org.jvirt.error.VirtException;

/**
 * File names of a domain's files ({@code NAME.xml}, {@code NAME.status.xml}, {@code NAME.lock},
 * {@code NAME.log}). The name is used as is (DomainNames already refuses '/', control
 * characters, '.' and '..'); only a name whose file name would exceed 255 bytes is cut on a
 * character boundary and gets {@code ~} plus 16 hex digits of the SHA-256 of the full name.
 */
public final class FileNames {
    private static final int MAX = 255;

    private FileNames() {
    }

    public static String component(String name, String suffix) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw VirtException.of(ErrorCode.INVALID_NAME, ErrorDomain.NONE,
                    "'%s' cannot name a file: empty, '.', '..' or containing '/' or NUL", String.valueOf(name).replace("\0", "\\0"));
        }
        String whole = name + suffix;
        if (whole.getBytes(StandardCharsets.UTF_8).length <= MAX) {
            return whole;
        }
        String tag = "~" + hash(name) + suffix;
        int budget = MAX - tag.length();
        StringBuilder cut = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > budget) {
                break;
            }
            cut.appendCodePoint(cp);
            bytes += len;
            i += Character.charCount(cp);
        }
        return cut + tag;
    }

    private static String hash(String name) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
