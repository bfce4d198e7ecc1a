package ai.marketplace.platform.inbox;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /**
     * Claims {@code events} for the consumer in one statement inside {@code tx}.
     *
     * @return the ids claimed now; an event already applied, or listed twice, is claimed at most once
     */
    public Uni<Set<String>> claimAll(Tx tx, String consumer, List<IncomingEvent> events) {
        String[] ids = new String[events.size()];
        String[] types = new String[events.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = events.get(i).id();
            types[i] = events.get(i).type();
        }
        return tx.query("""
                insert into inbox (consumer, event_id, event_type)
                select $1, e.id, e.type from unnest(cast($2 as text[]), cast($3 as text[])) as e(id, type)
                on conflict do nothing returning event_id""", consumer, ids, types)
                .map(rows -> {
                    Set<String> claimed = new HashSet<>(rows.size() * 2);
                    rows.forEach(r -> claimed.add(r.text(0)));
                    return claimed;
                });
    }
}
