package ai.marketplace.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;

import ai.marketplace.platform.events.IncomingEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records that a consumer has applied an event, in the consumer's own transaction. A second delivery of the
 * same event finds the row and is skipped, so effects apply exactly once even though Kafka delivers at least
 * once.
 */
@ApplicationScoped
public class Inbox {

    /**
     * Claims the event for the consumer inside the current transaction.
     *
     * @return true the first time, false for a redelivery
     */
    public Uni<Boolean> claim(String consumer, IncomingEvent event) {
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "Inbox.claim needs an open transaction: the claim and the effect must commit together"))
                .chain(tx -> Panache.getSession())
                .chain(session -> session.createNativeQuery("""
                        insert into inbox (consumer, event_id, event_type) values (:consumer, :eventId, :type)
                        on conflict do nothing
                        """)
                        .setParameter("consumer", consumer)
                        .setParameter("eventId", event.id())
                        .setParameter("type", event.type())
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** The same on a connection of the reactive client inside the caller's transaction. */
    public Uni<Boolean> claim(SqlConnection transaction, String consumer, IncomingEvent event) {
        return transaction.preparedQuery("""
                insert into inbox (consumer, event_id, event_type) values ($1, $2, $3) on conflict do nothing""")
                .execute(Tuple.of(consumer, event.id(), event.type()))
                .map(rows -> rows.rowCount() == 1);
    }
}
