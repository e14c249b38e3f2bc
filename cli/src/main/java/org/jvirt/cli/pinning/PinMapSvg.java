package org.jvirt.cli.pinning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jvirt.ThreadPlacement.Kind;
import org.jvirt.host.HostCell;
import org.jvirt.host.HostCpu;
import org.jvirt.host.HostTopology;
import org.jvirt.model.CpuSet;
import org.jvirt.pinning.EffectivePinning;

/**
 * {@code pinmap --svg}: the host drawn as nested boxes (NUMA cells, sockets, cores, CPUs), on
 * each CPU a chip for the domain's threads that may run there (vCPUs blue, the emulator orange,
 * I/O threads green), and, where the driver reports the kernel's view, what the kernel does:
 * a chip with a dashed border for threads the pinning allows there but the kernel does not, a
 * red chip for threads the kernel lets run there against the pinning, a black dot for the vCPUs
 * that ran there last. A table under the drawing says the same per thread.
 */
final class PinMapSvg {
    private static final int CPU_W = 150;
    private static final int GAP = 8;
    private static final int LABEL = 16;
    private static final int CHIP_H = 16;
    private static final int CORES_PER_ROW = 4;
    private static final Map<Kind, String> COLOR = Map.of(Kind.VCPU, "#4c78a8", Kind.EMULATOR, "#f58518",
            Kind.IOTHREAD, "#54a24b");

    /** How a thread relates to one CPU. */
    private enum Mark { MAY_RUN, KERNEL_DENIES, KERNEL_ONLY }

    /** The chips of one CPU: thread ids by kind and mark; the vCPUs that ran there last. */
    private record Chips(Map<List<Object>, List<Integer>> groups, List<Integer> lastHere) {
    }

    private final StringBuilder svg = new StringBuilder();

    private PinMapSvg() {
    }

    /**
     * @param kernel the kernel's view of the running domain, empty when the driver has none or
     *               the map is of the persistent definition
     * @param kernelNote what the drawing says about the kernel's view
     */
    static String render(String domain, String which, HostTopology topo, EffectivePinning pins,
                         Optional<KernelPlacement> kernel, String kernelNote) {
        return new PinMapSvg().draw(domain, which, topo, PinnedThread.all(pins), kernel, kernelNote);
    }

    private String draw(String domain, String which, HostTopology topo, List<PinnedThread> threads,
                        Optional<KernelPlacement> kernel, String kernelNote) {
        List<HostCell> cells = new ArrayList<>(topo.cells());
        cells.sort((a, b) -> Integer.compare(a.id(), b.id()));
        StringBuilder body = new StringBuilder();
        int y = 50;
        int width = 0;
        for (HostCell cell : cells) {
            int[] size = cell(body, cell, topo, threads, kernel, 20, y);
            y += size[1] + GAP * 2;
            width = Math.max(width, size[0] + 40);
        }
        y = table(body, threads, kernel, y + 10);
        y = legend(body, kernelNote, y + 10);
        width = Math.max(width, 760);
        svg.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(width).append("' height='").append(y + 10)
                .append("' font-family='DejaVu Sans, Arial, sans-serif' font-size='11'>\n")
                .append("<rect width='100%' height='100%' fill='white'/>\n");
        text(20, 28, 15, "bold", "Domain '" + domain + "': " + which + " pinning on " + topo.cpuCount()
                + " host CPUs in " + topo.cells().size() + " NUMA cell(s)");
        svg.append(body).append("</svg>\n");
        return svg.toString();
    }

    /** One cell box at (x, y); returns its width and height. */
    private int[] cell(StringBuilder out, HostCell cell, HostTopology topo, List<PinnedThread> threads,
                       Optional<KernelPlacement> kernel, int x, int y) {
        Map<Integer, Map<List<Integer>, List<HostCpu>>> sockets = HostLayout.bySocketAndCore(cell.cpus());
        StringBuilder inner = new StringBuilder();
        int sx = x + GAP;
        int height = 0;
        for (var socket : sockets.entrySet()) {
            int[] size = socket(inner, socket.getKey(), socket.getValue(), topo, threads, kernel, sx, y + LABEL + GAP);
            sx += size[0] + GAP;
            height = Math.max(height, size[1]);
        }
        int w = Math.max(sx - x, 200);
        int h = height + LABEL + GAP * 2;
        out.append(rect(x, y, w, h, "#f2f2f2", "#555", 1.5, false));
        out.append(label(x + 6, y + 13, "NUMA cell " + cell.id() + " (" + cell.memoryKiB() / 1024 + " MiB)", "bold"));
        out.append(inner);
        return new int[] {w, h};
    }

    private int[] socket(StringBuilder out, int id, Map<List<Integer>, List<HostCpu>> cores, HostTopology topo,
                         List<PinnedThread> threads, Optional<KernelPlacement> kernel, int x, int y) {
        StringBuilder inner = new StringBuilder();
        int cx = x + GAP;
        int cy = y + LABEL + GAP;
        int rowHeight = 0;
        int width = 0;
        int n = 0;
        for (var core : cores.entrySet()) {
            if (n > 0 && n % CORES_PER_ROW == 0) {
                cx = x + GAP;
                cy += rowHeight + GAP;
                rowHeight = 0;
            }
            int[] size = core(inner, core.getKey().get(1), core.getValue(), topo, threads, kernel, cx, cy);
            cx += size[0] + GAP;
            width = Math.max(width, cx - x);
            rowHeight = Math.max(rowHeight, size[1]);
            n++;
        }
        int h = cy + rowHeight + GAP - y;
        out.append(rect(x, y, width, h, "#fafafa", "#888", 1, false));
        out.append(label(x + 6, y + 13, "socket " + id, "bold"));
        out.append(inner);
        return new int[] {width, h};
    }

    private int[] core(StringBuilder out, int id, List<HostCpu> cpus, HostTopology topo, List<PinnedThread> threads,
                       Optional<KernelPlacement> kernel, int x, int y) {
        StringBuilder inner = new StringBuilder();
        int py = y + LABEL;
        for (HostCpu cpu : cpus) {
            py += cpu(inner, cpu, topo, threads, kernel, x + GAP / 2, py) + GAP / 2;
        }
        int w = CPU_W + GAP;
        int h = py - y + GAP / 2;
        out.append(rect(x, y, w, h, "white", "#aaa", 1, false));
        out.append(label(x + 5, y + 12, "core " + id, "normal"));
        out.append(inner);
        return new int[] {w, h};
    }

    /** One CPU box; returns its height. */
    private int cpu(StringBuilder out, HostCpu cpu, HostTopology topo, List<PinnedThread> threads,
                    Optional<KernelPlacement> kernel, int x, int y) {
        boolean offline = !topo.online().isEmpty() && !topo.online().contains(cpu.id());
        Chips chips = chips(cpu.id(), threads, kernel);
        int cx = x + 4;
        int cy = y + 18;
        StringBuilder inner = new StringBuilder();
        for (var g : chips.groups().entrySet()) {
            Kind kind = (Kind) g.getKey().get(0);
            Mark mark = (Mark) g.getKey().get(1);
            String text = chipText(kind, g.getValue());
            int w = 8 + 6 * text.length();
            if (cx + w > x + CPU_W - 4 && cx > x + 4) {
                cx = x + 4;
                cy += CHIP_H + 3;
            }
            inner.append(chip(cx, cy, w, kind, mark, text));
            cx += w + 3;
        }
        for (int v : chips.lastHere()) {
            String text = "\u25cf vcpu " + v;
            int w = 8 + 6 * text.length();
            if (cx + w > x + CPU_W - 4 && cx > x + 4) {
                cx = x + 4;
                cy += CHIP_H + 3;
            }
            inner.append("<g><title>vcpu ").append(v).append(" ran on cpu ").append(cpu.id()).append(" last</title>")
                    .append(label(cx, cy + 12, text, "bold")).append("</g>\n");
            cx += w + 3;
        }
        int h = (cy - y) + CHIP_H + 4;
        out.append(rect(x, y, CPU_W, h, offline ? "#dddddd" : "#ffffff", "#666", 1, false));
        out.append(label(x + 4, y + 12, "cpu " + cpu.id() + (offline ? "  offline" : ""), "normal"));
        out.append(inner);
        return h;
    }

    private static Chips chips(int cpu, List<PinnedThread> threads, Optional<KernelPlacement> kernel) {
        Map<List<Object>, List<Integer>> groups = new LinkedHashMap<>();
        List<Integer> last = new ArrayList<>();
        for (PinnedThread t : threads) {
            boolean may = t.cpus().contains(cpu);
            Optional<CpuSet> allowed = kernel.flatMap(k -> k.allowed(t.label()));
            boolean kernelAllows = allowed.map(a -> a.contains(cpu)).orElse(may);
            Mark mark = may && kernelAllows ? Mark.MAY_RUN : may ? Mark.KERNEL_DENIES
                    : kernelAllows ? Mark.KERNEL_ONLY : null;
            if (mark != null) {
                groups.computeIfAbsent(List.of(t.kind(), mark), k -> new ArrayList<>()).add(t.index());
            }
            if (kernel.flatMap(k -> k.lastCpu(t.label())).filter(c -> c == cpu).isPresent()) {
                last.add(t.index());
            }
        }
        return new Chips(groups, last);
    }

    private static String chipText(Kind kind, List<Integer> ids) {
        if (kind == Kind.EMULATOR) {
            return "emulator";
        }
        String set = CpuSet.of(ids.stream().mapToInt(Integer::intValue).toArray()).format();
        return (kind == Kind.VCPU ? "vcpu " : "io ") + set;
    }

    private static String chip(int x, int y, int w, Kind kind, Mark mark, String text) {
        String color = COLOR.get(kind);
        String title = switch (mark) {
            case MAY_RUN -> text + " may run here";
            case KERNEL_DENIES -> text + ": the pinning allows this CPU, the kernel does not";
            case KERNEL_ONLY -> text + ": the kernel lets it run here, the pinning does not";
        };
        String fill = switch (mark) {
            case MAY_RUN -> color;
            case KERNEL_DENIES -> "white";
            case KERNEL_ONLY -> "#e45756";
        };
        String ink = mark == Mark.KERNEL_DENIES ? color : "white";
        return "<g><title>" + esc(title) + "</title>" + rect(x, y, w, CHIP_H, fill, mark == Mark.KERNEL_ONLY
                ? "#e45756" : color, 1.2, mark == Mark.KERNEL_DENIES)
                + "<text x='" + (x + 4) + "' y='" + (y + 12) + "' fill='" + ink + "'>" + esc(text) + "</text></g>\n";
    }

    /** One row per thread: where it may run and why, and the kernel's view. */
    private static int table(StringBuilder out, List<PinnedThread> threads, Optional<KernelPlacement> kernel, int y) {
        int[] col = {20, 120, 330, 520};
        out.append(label(col[0], y + 12, "thread", "bold")).append(label(col[1], y + 12, "may run on (why)", "bold"))
                .append(label(col[2], y + 12, "kernel allows", "bold")).append(label(col[3], y + 12, "ran last on", "bold"));
        int row = y + 30;
        for (PinnedThread t : threads) {
            String allowed = kernel.flatMap(k -> k.allowed(t.label())).map(CpuSet::format).orElse("-");
            String last = kernel.flatMap(k -> k.lastCpu(t.label())).map(c -> "cpu " + c).orElse("-");
            out.append(label(col[0], row, t.label(), "normal"))
                    .append(label(col[1], row, t.cpus().format() + " (" + t.reason() + ")", "normal"))
                    .append(label(col[2], row, allowed, "normal")).append(label(col[3], row, last, "normal"));
            row += 16;
        }
        return row;
    }

    private static int legend(StringBuilder out, String kernelNote, int y) {
        int x = 20;
        out.append(chip(x, y, 70, Kind.VCPU, Mark.MAY_RUN, "vcpu 0-1"))
                .append(chip(x + 75, y, 62, Kind.EMULATOR, Mark.MAY_RUN, "emulator"))
                .append(chip(x + 142, y, 40, Kind.IOTHREAD, Mark.MAY_RUN, "io 1"))
                .append(label(x + 190, y + 12, "may run there", "normal"))
                .append(chip(x + 290, y, 46, Kind.VCPU, Mark.KERNEL_DENIES, "vcpu 2"))
                .append(label(x + 342, y + 12, "pinned there, kernel denies", "normal"))
                .append(chip(x + 510, y, 46, Kind.VCPU, Mark.KERNEL_ONLY, "vcpu 3"))
                .append(label(x + 562, y + 12, "kernel allows, not pinned", "normal"));
        out.append(label(x, y + 34, "\u25cf vcpu N: ran there last.  " + kernelNote, "normal"));
        return y + 44;
    }

    private static String rect(int x, int y, int w, int h, String fill, String stroke, double width, boolean dashed) {
        return String.format(Locale.ROOT, "<rect x='%d' y='%d' width='%d' height='%d' rx='3' fill='%s' stroke='%s' "
                + "stroke-width='%.1f'%s/>%n", x, y, w, h, fill, stroke, width, dashed ? " stroke-dasharray='3,2'" : "");
    }

    private static String label(int x, int y, String text, String weight) {
        return "<text x='" + x + "' y='" + y + "'" + ("bold".equals(weight) ? " font-weight='bold'" : "") + ">"
                + esc(text) + "</text>\n";
    }

    private void text(int x, int y, int size, String weight, String text) {
        svg.append("<text x='").append(x).append("' y='").append(y).append("' font-size='").append(size)
                .append("' font-weight='").append(weight).append("'>").append(esc(text)).append("</text>\n");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
    }
}
