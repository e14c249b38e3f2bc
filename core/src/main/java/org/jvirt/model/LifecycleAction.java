package org.jvirt.model;

/** What {@code <on_poweroff>}, {@code <on_reboot>} and {@code <on_crash>} ask for. */
public enum LifecycleAction {
    DESTROY("destroy"),
    RESTART("restart"),
    PRESERVE("preserve"),
    RENAME_RESTART("rename-restart"),
    COREDUMP_DESTROY("coredump-destroy"),
    COREDUMP_RESTART("coredump-restart");

    private final String xml;

    LifecycleAction(String xml) {
        this.xml = xml;
    }

    public String xml() {
        return xml;
    }

    /** The action for an XML word, or {@code null}. */
    public static LifecycleAction fromXml(String word) {
        for (LifecycleAction a : values()) {
            if (a.xml.equals(word)) {
                return a;
            }
        }
        return null;
    }
}
