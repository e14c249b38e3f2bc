package org.jvirt;

/**
 * Options of {@code destroy}. {@code graceful}: only ask the process to end (SIGTERM) and wait
 * for it, never kill it; when it does not end in time the destroy fails and the domain stays
 * running (virsh {@code destroy --graceful}).
 */
public record DestroyOptions(boolean graceful) {
    public static final DestroyOptions DEFAULT = new DestroyOptions(false);
    public static final DestroyOptions GRACEFUL = new DestroyOptions(true);
}
