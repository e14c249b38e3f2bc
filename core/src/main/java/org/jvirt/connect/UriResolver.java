package org.jvirt.connect;

import org.jvirt.spi.Environment;
import java.util.Map;
import java.util.Optional;

/**
 * Which URI a connection opens: the argument, then {@code JVIRT_DEFAULT_URI}, then
 * {@code LIBVIRT_DEFAULT_URI}, then {@code uri_default} of jvirt.conf; an alias from
 * jvirt.conf's {@code uri_aliases} is replaced by its URI. An empty result means "probe the
 * drivers" (the last step, done by {@link ConnectionFactory}).
 */
public final class UriResolver {
    private final Environment env;
    private final Optional<String> confDefault;
    private final Map<String, String> aliases;

    public UriResolver(Environment env, Optional<String> confDefault, Map<String, String> aliases) {
        this.env = env;
        this.confDefault = confDefault.isPresent() && confDefault.get().isBlank() ? Optional.empty() : confDefault;
        this.aliases = Map.copyOf(aliases);
    }

    // plain code rather than a chain of lambdas: this runs in every one-shot command, and on
    // JDK 17 each lambda links its call site at run time (see docs/benchmarks.md)
    public Optional<String> resolve(String argument) {
        Optional<String> chosen = argument == null || argument.isBlank() ? Optional.empty() : Optional.of(argument);
        if (chosen.isEmpty()) {
            chosen = env.get("JVIRT_DEFAULT_URI");
        }
        if (chosen.isEmpty()) {
            chosen = env.get("LIBVIRT_DEFAULT_URI");
        }
        if (chosen.isEmpty()) {
            chosen = confDefault;
        }
        if (chosen.isEmpty()) {
            return chosen;
        }
        String uri = chosen.get().strip();
        return Optional.of(aliases.getOrDefault(uri, uri));
    }
}
