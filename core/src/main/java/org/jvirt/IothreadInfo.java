package org.jvirt;

import org.jvirt.model.CpuSet;

/** One I/O thread and where it may run ({@code virsh iothreadinfo}). */
public record IothreadInfo(int id, CpuSet affinity) {
}
