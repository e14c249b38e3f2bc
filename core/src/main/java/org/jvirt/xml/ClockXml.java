package org.jvirt.xml;

import java.util.ArrayList;
import java.util.List;

import org.jdom2.Element;
import org.jvirt.error.ErrorCode;
import org.jvirt.model.Clock;

/** {@code <clock>} and its timers. */
final class ClockXml {
    private ClockXml() {
    }

    static Clock read(XmlNode n) {
        String offset = n.attr("offset").orElse("utc");
        if (!Clock.OFFSETS.contains(offset)) {
            throw n.error(ErrorCode.XML_INVALID, "clock: offset '%s' is not one of %s", XmlNode.shorten(offset),
                    String.join(", ", Clock.OFFSETS));
        }
        List<Clock.Timer> timers = new ArrayList<>();
        for (XmlNode t : n.children("timer")) {
            timers.add(new Clock.Timer(t.requiredAttr("name"), t.yesNo("present"), t.attr("tickpolicy"),
                    t.attr("track"), t.extras()));
        }
        return new Clock(offset, n.attr("timezone"), n.attr("adjustment"), n.attr("basis"), timers, n.extras());
    }

    static Element write(Clock c) {
        Out out = new Out("clock", List.of("timer")).attr("offset", c.offset()).attr("timezone", c.timezone())
                .attr("adjustment", c.adjustment()).attr("basis", c.basis());
        for (Clock.Timer t : c.timers()) {
            out.child(new Out("timer").attr("name", t.name()).yesNo("present", t.present())
                    .attr("tickpolicy", t.tickpolicy()).attr("track", t.track()).build(t.extras()));
        }
        return out.build(c.extras());
    }
}
