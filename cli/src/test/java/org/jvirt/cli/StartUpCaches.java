package org.jvirt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jvirt.cli.PackagedLauncherIT.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What bin/jvirsh's start-up caches hold, as one-shot commands through the launcher show it. */
final class StartUpCaches {
    /** Where the launcher keeps its caches (the cli module's target). */
    static final Path DIR = Path.of(System.getProperty("user.dir")).resolve("target");

    private StartUpCaches() {
    }

    /**
     * Whether bin/jvirsh runs {@code jvirsh ARGS} with {@code env} on an AOT cache (JDK 24 and
     * later, which keeps linkage too; JDK 17's AppCDS archive does not).
     */
    static boolean aotCache(Map<String, String> env, String... args) throws Exception {
        Map<String, String> printing = new HashMap<>(env);
        printing.put("JVIRSH_PRINT_JVM", "1");
        return launcher(printing, args).stdout().lines().anyMatch(o -> o.startsWith("-XX:AOTCache="));
    }

    /**
     * Runs {@code jvirsh -c URI COMMAND DOMAIN [OPTIONS]} for each {@code COMMAND [OPTIONS]} with
     * {@code env}, each answering (exit 0, some output), its class loading logged below
     * {@code logs}; returns each class loaded from outside the start-up cache but the JDK's event
     * classes, which no cache keeps, as {@code COMMAND: LOG LINE}.
     */
    static List<String> loadedOutside(Map<String, String> env, String uri, String domain, List<String> commands,
                                      Path logs) throws Exception {
        Map<String, String> logging = new HashMap<>(env);
        List<String> outside = new ArrayList<>();
        for (String command : commands) {
            Path log = logs.resolve(command.replace(' ', '_') + ".log");
            logging.put("JVIRSH_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
            List<String> args = new ArrayList<>(List.of("-c", uri));
            List<String> words = List.of(command.split(" "));
            args.add(words.get(0));
            args.add(domain);
            args.addAll(words.subList(1, words.size()));
            PackagedLauncherIT.Run r = launcher(logging, args.toArray(String[]::new));
            assertThat(r.status()).as(command + ": " + r.stderr()).isZero();
            assertThat(r.stdout()).as(command).isNotBlank();
            for (String line : Files.readAllLines(log)) {
                if (!line.contains("source: shared objects file") && !line.contains(" jdk.internal.event.")) {
                    outside.add(command + ": " + line);
                }
            }
        }
        return outside;
    }

    /**
     * Defines and starts the domain {@code xml} named {@code name} on {@code uri} (the user's
     * configuration below {@code tmp}), runs each of {@code queries} on it as a one-shot
     * ({@link #loadedOutside}) and, where bin/jvirsh runs on an AOT cache, checks that none loaded
     * a class from outside its start-up cache; the domain is destroyed and undefined and the
     * test's empty cgroups removed whatever happens.
     */
    static void queriesTakeTheirClassesFromTheCache(Path tmp, String uri, String name, String xml,
                                                    List<String> queries) throws Exception {
        Path user = PackagedLauncherIT.userConf(tmp);
        Path file = tmp.resolve("domain.xml");
        Files.writeString(file, xml);
        Map<String, String> env = new HashMap<>(Map.of("JVIRT_CONF_DIR", user.toString()));
        boolean aot = aotCache(env, "-c", uri, "dominfo", name);
        List<String> outside;
        try {
            assertThat(launcher(env, "-c", uri, "define " + file + "; start " + name).status()).isZero();
            outside = loadedOutside(env, uri, name, queries, tmp);
        } finally {
            launcher(env, "-c", uri, "destroy " + name + "; undefine " + name);
            PartitionGroups.removeEmpty("jvirsh-training", "jvirt-launcher-it");
        }
        if (aot) {
            assertThat(outside).as("classes one-domain queries loaded from outside the start-up cache").isEmpty();
        }
    }

    /** The caches whose file names match {@code pattern}. */
    static List<Path> named(String pattern) throws IOException {
        try (var files = Files.list(DIR)) {
            return files.filter(f -> f.getFileName().toString().matches(pattern)).toList();
        }
    }
}
