package org.jvirt.model;

import java.util.List;

/**
 * {@code <iothreads>N</iothreads>} and {@code <iothreadids>}: after post-parse {@code ids} has
 * exactly {@code count} unique ids >= 1 (missing ones numbered with the lowest free ids).
 *
 * @param idsExplicit whether {@code <iothreadids>} is written when formatting
 */
public record Iothreads(int count, List<Integer> ids, boolean idsExplicit) {
    public static final Iothreads NONE = new Iothreads(0, List.of(), false);

    public Iothreads {
        ids = List.copyOf(ids);
        if (count < 0) {
            throw new IllegalArgumentException("negative I/O thread count");
        }
    }

    public boolean has(int id) {
        return ids.contains(id);
    }
}
