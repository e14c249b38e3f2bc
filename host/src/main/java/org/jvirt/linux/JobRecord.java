package org.jvirt.linux;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a domain's lock file says while a job holds it: which process runs which job since when,
 * and the facts the job noted on the way (a start notes the process it spawned). Written when a
 * job takes the lock and emptied when it ends, so a record found by the next holder is the job
 * of a process that died in the middle of it; a waiter that gives up names it.
 *
 * <p>One line: {@code jvirt-job pid=P since=MILLIS job=JOB domain=NAME [KEY=VALUE ...]}, values
 * URL-encoded.
 *
 * @param pid         the jvirt process running the job
 * @param sinceMillis when the job began (epoch milliseconds)
 * @param facts       what the job noted, in order
 */
public record JobRecord(String domain, long pid, String job, long sinceMillis, Map<String, String> facts) {
    private static final String MAGIC = "jvirt-job";

    public JobRecord {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(job, "job");
        facts = Map.copyOf(new LinkedHashMap<>(facts));
    }

    /** The record of a job {@code job} on {@code domain} by this process, starting now. */
    public static JobRecord begin(String domain, String job) {
        return new JobRecord(domain, ThisProcess.pid(), job, System.currentTimeMillis(), Map.of());
    }

    /** This record with one more fact (replacing an earlier value of {@code key}). */
    public JobRecord with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(facts);
        more.put(key, value);
        return new JobRecord(domain, pid, job, sinceMillis, more);
    }

    /** A fact the job noted. */
    public Optional<String> fact(String key) {
        return Optional.ofNullable(facts.get(key));
    }

    /** A numeric fact; empty when absent or not a number. */
    public Optional<Long> longFact(String key) {
        try {
            return fact(key).map(Long::parseLong);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The line written to the lock file. */
    public String format() {
        StringBuilder b = new StringBuilder(MAGIC).append(" pid=").append(pid).append(" since=").append(sinceMillis)
                .append(" job=").append(enc(job)).append(" domain=").append(enc(domain));
        facts.forEach((k, v) -> b.append(' ').append(enc(k)).append('=').append(enc(v)));
        return b.append('\n').toString();
    }

    /**
     * The record in a lock file's text (its first line); empty for an empty file. A line that is
     * not a record still counts as a job left unfinished: {@code job} is then {@code unknown}.
     */
    public static Optional<JobRecord> parse(String text, String domain) {
        int nl = text.indexOf('\n');
        String line = (nl < 0 ? text : text.substring(0, nl)).strip();
        if (line.isEmpty()) {
            return Optional.empty();
        }
        String[] words = line.split(" ");
        if (!words[0].equals(MAGIC)) {
            return Optional.of(new JobRecord(domain, 0, "unknown", 0, Map.of()));
        }
        long pid = 0;
        long since = 0;
        String job = "unknown";
        String name = domain;
        Map<String, String> facts = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String k = dec(words[i].substring(0, eq));
            String v = dec(words[i].substring(eq + 1));
            switch (k) {
                case "pid" -> pid = number(v);
                case "since" -> since = number(v);
                case "job" -> job = v;
                case "domain" -> name = v;
                default -> facts.put(k, v);
            }
        }
        return Optional.of(new JobRecord(name, pid, job, since, facts));
    }

    /** {@code process 1234 (job 'setvcpus', running for 2.1 s)}. */
    public String describe() {
        String who = pid > 0 ? "process " + pid : "an unknown process";
        if (sinceMillis <= 0) {
            return who + " (job '" + job + "')";
        }
        Duration running = Duration.ofMillis(Math.max(0, System.currentTimeMillis() - sinceMillis));
        return String.format("%s (job '%s', running for %.1f s)", who, job, running.toMillis() / 1000.0);
    }

    private static long number(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
