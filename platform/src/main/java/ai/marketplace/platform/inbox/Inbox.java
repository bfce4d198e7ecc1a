package ai.marketplace.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.events.IncomingEvent;
import ai.marketplace.platform.tx.Tx;
import io.smallrye.mutiny.Uni;

/**
 * Records that a consumer has applied an event, in the consumer's own transaction. A second delivery of the
 * same event finds the row and is skipped, so effects apply exactly once even though Kafka delivers at least
 * once.
 */
@ApplicationScoped
public class Inbox {

    /**
     * Claims the event for the consumer inside {@code tx}, the transaction its effect runs in.
     *
     * @return true the first time, false for a redelivery
     */
    public Uni<Boolean> claim(Tx tx, String consumer, IncomingEvent event) {
        return tx.update("""
                insert into inbox (consumer, event_id, event_type) values ($1, $2, $3) on conflict do nothing""",
                consumer, event.id(), event.type())
                .map(inserted -> inserted == 1);
    }
}
