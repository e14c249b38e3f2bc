package org.jvirt.state;

import java.util.Objects;
import java.util.Optional;

import org.jvirt.model.DomainDef;
import org.jvirt.xml.DomainStatus;
import org.jvirt.xml.DomainXml;

/**
 * Where core keeps what a driver's domains leave on disk: persistent definitions
 * ({@link ConfigStore}) and the status of active domains ({@link StatusStore}). Core writes both
 * (after a define, an undefine, a start and every live change); drivers only read status files
 * (to take a running domain over) and remove them with what a stopped domain left. The test
 * driver keeps everything in memory.
 */
public final class DomainStore {
    private final Optional<ConfigStore> configs;
    private final Optional<StatusStore> statuses;
    private final DomainXml xml;
    private final AutostartStore autostart;

    private DomainStore(Optional<ConfigStore> configs, Optional<StatusStore> statuses, DomainXml xml) {
        this.configs = configs;
        this.statuses = statuses;
        this.xml = xml;
        this.autostart = configs.isPresent() ? AutostartStore.links(configs.get()) : AutostartStore.inMemory();
    }

    /** Which domains start at boot: links beside the definitions, or in memory. */
    public AutostartStore autostart() {
        return autostart;
    }

    /** Nothing is written: the domain objects are all there is (the test driver). */
    public static DomainStore inMemory() {
        return new DomainStore(Optional.empty(), Optional.empty(), new DomainXml());
    }

    /** Definitions in {@code configs} (written as domain XML by {@code xml}), statuses in {@code statuses}. */
    public static DomainStore onDisk(ConfigStore configs, StatusStore statuses, DomainXml xml) {
        return new DomainStore(Optional.of(configs), Optional.of(statuses), Objects.requireNonNull(xml, "xml"));
    }

    public Optional<ConfigStore> configs() {
        return configs;
    }

    public Optional<StatusStore> statuses() {
        return statuses;
    }

    /** Whether status files are written (so a status needs to be assembled at all). */
    boolean keepsStatus() {
        return statuses.isPresent();
    }

    void saveConfig(DomainDef def) {
        if (configs.isPresent()) { // not ifPresent(lambda): JDK 17 links each lambda at run time
            configs.get().save(def.name(), xml.write(def));
        }
    }

    /**
     * The definition goes first, its autostart link after it: a process that dies in between
     * leaves a link to nothing, which {@link #finishUndefine} removes, never a definition whose
     * autostart mark is lost.
     */
    void deleteConfig(String name) {
        configs.ifPresent(c -> c.delete(name));
        autostart.set(name, false);
    }

    /** What an undefine cut short left: once the definition is gone, its autostart link goes too. */
    void finishUndefine(String name) {
        if (configs.isEmpty() || configs.get().read(name).isEmpty()) {
            autostart.set(name, false);
        }
    }

    /** Whether the driver's files name {@code name} at all (a definition or a status). */
    boolean holdsAny(String name) {
        return configs.map(c -> c.read(name).isPresent()).orElse(false)
                || statuses.map(s -> s.stamp(name).isPresent()).orElse(false);
    }

    void saveStatus(DomainStatus status) {
        statuses.ifPresent(s -> s.save(status));
    }
}
