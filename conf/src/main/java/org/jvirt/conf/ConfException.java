package org.jvirt.conf;

/**
 * A configuration file could not be read or a value in it is unusable.
 *
 * <p>Unchecked, and independent of jvirt-core (which wraps it into its own error type). The
 * message always starts with where the problem is: {@code file:line:column: detail}, or
 * {@code file:line: detail} / {@code file: detail} when the position is not known.
 */
public class ConfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String detail;

    /**
     * @param line   1-based, or 0 when unknown
     * @param column 1-based, or 0 when unknown
     */
    public ConfException(String file, int line, int column, String detail) {
        this(file, line, column, detail, null);
    }

    public ConfException(String file, int line, int column, String detail, Throwable cause) {
        super(location(file, line, column) + ": " + detail, cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    /** The file name as given to the parser (a path, or a name for built-in defaults). */
    public String file() {
        return file;
    }

    /** 1-based line, 0 when the problem is not at one place in the file. */
    public int line() {
        return line;
    }

    /** 1-based column (in characters), 0 when unknown. */
    public int column() {
        return column;
    }

    /** The message without the location prefix. */
    public String detail() {
        return detail;
    }

    private static String location(String file, int line, int column) {
        String where = file == null ? "<conf>" : file;
        if (line > 0) {
            where += ":" + line;
            if (column > 0) {
                where += ":" + column;
            }
        }
        return where;
    }
}
