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
        this.confDefault = confDefault.filter(s -> !s.isBlank());
        this.aliases = Map.copyOf(aliases);
    }

    public Optional<String> resolve(String argument) {
        Optional<String> chosen = Optional.ofNullable(argument).filter(s -> !s.isBlank())
                .or(() -> env.get("JVIRT_DEFAULT_URI"))
                .or(() -> env.get("LIBVIRT_DEFAULT_URI"))
                .or(() -> confDefault);
        return chosen.map(String::strip).map(u -> aliases.getOrDefault(u, u));
    }
}
