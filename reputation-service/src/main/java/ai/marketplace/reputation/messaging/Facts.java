package ai.marketplace.reputation.messaging;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import ai.marketplace.platform.events.IncomingEvent;
import ai.marketplace.platform.events.MalformedEventException;

/** Small checks shared by the consumers. */
final class Facts {

    private Facts() {
    }

    static void require(boolean ok, String what) {
        if (!ok) {
            throw new MalformedEventException(what);
        }
    }

    static OffsetDateTime time(IncomingEvent e) {
        return e.time() != null ? e.time() : OffsetDateTime.now(ZoneOffset.UTC);
    }
}
