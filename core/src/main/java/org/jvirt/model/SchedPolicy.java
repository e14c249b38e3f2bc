package org.jvirt.model;

/** Scheduler of {@code vcpusched}, {@code emulatorsched}, {@code iothreadsched}. */
public enum SchedPolicy {
    BATCH("batch", false),
    IDLE("idle", false),
    FIFO("fifo", true),
    RR("rr", true);

    private final String xml;
    private final boolean realtime;

    SchedPolicy(String xml, boolean realtime) {
        this.xml = xml;
        this.realtime = realtime;
    }

    public String xml() {
        return xml;
    }

    /** fifo and rr need a priority. */
    public boolean needsPriority() {
        return realtime;
    }

    public static SchedPolicy fromXml(String word) {
        for (SchedPolicy p : values()) {
            if (p.xml.equals(word)) {
                return p;
            }
        }
        return null;
    }
}
