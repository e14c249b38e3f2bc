package org.jvirt;

/** Options of {@code start}/{@code create}. */
public record StartOptions(boolean paused) {
    public static final StartOptions DEFAULT = new StartOptions(false);
    public static final StartOptions PAUSED = new StartOptions(true);
}
