package org.jvirt.bench.real;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Durations of one series (nanoseconds in, milliseconds out): median, p10, p90, min, max. */
final class Samples {
    private final String label;
    private final List<Long> ns = new ArrayList<>();

    Samples(String label) {
        this.label = label;
    }

    void add(long nanos) {
        ns.add(nanos);
    }

    int size() {
        return ns.size();
    }

    double median() {
        return pct(50);
    }

    /** Nearest-rank percentile in milliseconds (p50 of an even count is the mean of the two middle values). */
    double pct(int p) {
        if (ns.isEmpty()) {
            return Double.NaN;
        }
        long[] s = ns.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(s);
        if (p == 50 && s.length % 2 == 0) {
            return (s[s.length / 2 - 1] + s[s.length / 2]) / 2e6;
        }
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))] / 1e6;
    }

    String line() {
        return String.format(Locale.ROOT, "%-34s n=%-3d median=%8.2f ms  p10=%8.2f  p90=%8.2f  min=%8.2f  max=%8.2f",
                label, ns.size(), median(), pct(10), pct(90), pct(0), pct(100));
    }

    static String ratio(String what, Samples a, Samples b, double goal) {
        double r = a.median() / b.median();
        if (Double.isNaN(goal)) {
            return String.format(Locale.ROOT, "%-34s ratio=%.2f (median %s / median %s; for information)", what, r,
                    a.label, b.label);
        }
        return String.format(Locale.ROOT, "%-34s ratio=%.2f (median %s / median %s; goal <= %.1f: %s)", what, r,
                a.label, b.label, goal, r <= goal ? "met" : "MISSED by " + String.format(Locale.ROOT, "%.0f%%",
                        (r / goal - 1) * 100));
    }
}
