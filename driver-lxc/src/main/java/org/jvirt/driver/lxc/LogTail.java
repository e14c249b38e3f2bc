package org.jvirt.driver.lxc;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The last lines of a domain log, for start error messages. */
final class LogTail {
    private static final int MAX_BYTES = 600;

    private LogTail() {
    }

    /** {@code "; log FILE ends with: ..."}, or {@code "; see FILE"} when it cannot be read. */
    static String of(Path log) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long len = f.length();
            long from = Math.max(0, len - MAX_BYTES);
            byte[] buf = new byte[(int) (len - from)];
            f.seek(from);
            f.readFully(buf);
            String text = new String(buf, StandardCharsets.UTF_8).strip();
            int start = text.lastIndexOf(": starting up\n");
            if (start >= 0) {
                int nl = text.indexOf('\n', start + 14);
                text = nl < 0 ? "" : text.substring(nl + 1).strip();
            }
            return text.isEmpty() ? "; see " + log : "; " + log + " ends with: " + text.replace('\n', '|');
        } catch (IOException e) {
            return "; see " + log;
        }
    }
}
