package ai.marketplace.reputation.consumers;

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
}
