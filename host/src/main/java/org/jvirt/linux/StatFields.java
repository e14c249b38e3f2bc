package org.jvirt.linux;

/**
 * The fields of a {@code /proc/PID/stat} line, numbered as in proc(5), read in one pass without
 * splitting the line (a one-shot command reads a few of its 52 fields). The command name (field
 * 2) may hold spaces and parentheses: the fields after it start after the line's LAST ')' and
 * are separated by runs of white space.
 */
final class StatFields {
    private StatFields() {
    }

    /**
     * Fields {@code numbers} (ascending, each 3 or more) of {@code line}; null for a field the line
     * does not have. Null when the line has no ')'.
     */
    static String[] of(String line, int... numbers) {
        int close = line.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String[] out = new String[numbers.length];
        int next = 0;
        int field = 2;
        int i = close + 1;
        int length = line.length();
        while (next < numbers.length) {
            while (i < length && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i == length) {
                break;
            }
            int end = i;
            while (end < length && !Character.isWhitespace(line.charAt(end))) {
                end++;
            }
            field++;
            if (field == numbers[next]) {
                out[next++] = line.substring(i, end);
            }
            i = end;
        }
        return out;
    }

    /** How many fields {@code line} has after the command name, plus the two before it. */
    static int count(String line) {
        int close = line.lastIndexOf(')');
        int fields = 2;
        boolean inField = false;
        for (int i = close + 1; i < line.length(); i++) {
            boolean space = Character.isWhitespace(line.charAt(i));
            if (!space && !inField) {
                fields++;
            }
            inField = !space;
        }
        return fields;
    }
}
