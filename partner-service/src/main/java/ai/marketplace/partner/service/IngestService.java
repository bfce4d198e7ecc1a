package ai.marketplace.partner.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.marketplace.partner.repository.DeliveryRepository;
import ai.marketplace.platform.events.IncomingEvent;
import ai.marketplace.platform.tx.Tx;
import io.smallrye.mutiny.Uni;

/** Keeps each event of the public topics once, with a delivery owed to every endpoint that may receive it. */
@ApplicationScoped
public class IngestService {

    @Inject DeliveryRepository deliveries;

    public Uni<Void> keep(Tx tx, IncomingEvent event) {
        String subject = event.subject() == null ? event.id() : event.subject();
        return deliveries.keep(tx, event.id(), event.type(), subject, event.raw(), event.timeOrNow())
                .chain(seq -> seq == null ? Uni.createFrom().item(0) : deliveries.enqueue(tx, seq, event.type(), subject))
                .chain(n -> n > 0 ? Dispatcher.notifyOnCommit(tx) : Uni.createFrom().voidItem());
    }
}
