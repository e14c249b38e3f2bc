package org.jvirt.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * virsh's table layout (docs/jvirsh.md#vcpus-and-pinning): each cell is a blank then its text, padded to the
 * column's width plus two blanks, except the last; under the header a line of (width+3)
 * dashes per column. With {@code -q} header and dashes are left out and the widths come from
 * the body rows only, as virsh does.
 */
public final class TablePrinter {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TablePrinter(String... header) {
        this.header = List.of(header);
    }

    public TablePrinter row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header " + header.size());
        }
        List<String> row = new ArrayList<>();
        for (Object c : cells) {
            row.add(String.valueOf(c));
        }
        rows.add(row);
        return this;
    }

    /** The table's text; every line ends with a new line. */
    public String render(boolean quiet) {
        List<List<String>> shown = new ArrayList<>();
        if (!quiet) {
            shown.add(header);
        }
        shown.addAll(rows);
        int[] widths = new int[header.size()];
        for (List<String> row : shown) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < shown.size(); r++) {
            line(out, shown.get(r), widths);
            if (r == 0 && !quiet) {
                int dashes = 0;
                for (int w : widths) {
                    dashes += w + 3;
                }
                out.append("-".repeat(dashes)).append('\n');
            }
        }
        return out.toString();
    }

    public void print(Output output) {
        output.print(render(output.quiet()));
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        for (int i = 0; i < cells.size(); i++) {
            String text = cells.get(i);
            out.append(' ').append(text);
            if (i < cells.size() - 1) {
                out.append(" ".repeat(widths[i] - width(text) + 2));
            }
        }
        out.append('\n');
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
