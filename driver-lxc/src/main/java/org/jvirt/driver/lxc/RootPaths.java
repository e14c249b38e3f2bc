package org.jvirt.driver.lxc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a path as the container will see it: inside {@code root}, with {@code ..} stopping
 * at the root and symbolic links (absolute ones too) followed relative to the root, as the
 * kernel does after the root change. Only reads the file system below {@code root}.
 */
public final class RootPaths {
    private static final int MAX_LINKS = 40;

    private RootPaths() {
    }

    /**
     * The host path of {@code path} (absolute, as seen inside the container) below {@code root},
     * or empty when some component does not exist or links loop.
     */
    public static Optional<Path> resolve(Path root, String path) {
        return walk(root, path).filter(w -> w.missing().isEmpty()).map(Walk::existing);
    }

    /**
     * How far {@code path} exists below {@code root}: the host path of its longest existing
     * prefix (links followed as in {@link #resolve}) and the components after it, which do not
     * exist (none when the whole path does). Empty when links loop or a component is not a
     * directory although more follow.
     */
    public static Optional<Walk> walk(Path root, String path) {
        Deque<String> todo = new ArrayDeque<>(split(path));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            Path candidate = hostPath(root, done).resolve(c);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    return Optional.empty();
                }
                String target;
                try {
                    target = Files.readSymbolicLink(candidate).toString();
                } catch (IOException | UnsupportedOperationException e) {
                    return Optional.empty();
                }
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> parts = split(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.push(parts.get(i));
                }
                continue;
            }
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                List<String> missing = new ArrayList<>();
                missing.add(c);
                missing.addAll(todo);
                if (missing.contains("..")) {
                    return Optional.empty();
                }
                return Optional.of(new Walk(root, done, missing));
            }
            if (!todo.isEmpty() && !Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            done.add(c);
        }
        return Optional.of(new Walk(root, done, List.of()));
    }

    /**
     * A path walked below a root: the components that exist (links resolved, relative to the
     * root) and those that do not.
     */
    public record Walk(Path root, List<String> found, List<String> missing) {
        public Walk {
            found = List.copyOf(found);
            missing = List.copyOf(missing);
        }

        /** The host path of the existing part. */
        public Path existing() {
            return hostPath(root, found);
        }

        /** The whole path inside the container, links resolved where they exist ("/" for the root). */
        public String inside() {
            List<String> all = new ArrayList<>(found);
            all.addAll(missing);
            return "/" + String.join("/", all);
        }
    }

    private static Path hostPath(Path root, List<String> parts) {
        Path p = root;
        for (String s : parts) {
            p = p.resolve(s);
        }
        return p;
    }

    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/", -1)) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
