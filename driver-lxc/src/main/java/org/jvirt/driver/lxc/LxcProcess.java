package org.jvirt.driver.lxc;

import java.util.Objects;
import java.util.Optional;

import org.jvirt.linux.LaunchedProcess;

/**
 * One running instance of a container: the {@code unshare} process (this JVM's child when
 * started here; absent after a reconnect) and the container's init as the host sees it.
 *
 * @param startTime field 22 of /proc/INIT/stat, so a reused pid is never mistaken for it
 */
public record LxcProcess(Optional<LaunchedProcess> process, long unsharePid, long initPid, long startTime) {
    public LxcProcess {
        Objects.requireNonNull(process, "process");
    }
}
