package ai.marketplace.platform.inbox;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.marketplace.platform.problem.ProblemException;
import ai.marketplace.platform.security.Caller;
import io.smallrye.mutiny.Uni;

/**
 * Operators' view of the records this service's consumers dead-lettered, and their re-drive or discard. Every
 * service serves it under its own name ({@code /v1/operations/<service>/…}), so the gateway reaches each.
 */
@Path("/v1/operations/{service}/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("operator")
@Tag(name = "Operations", description = "Dead-lettered events: list, re-drive once through the inbox, or discard; audited")
public class DeadLetterResource {

    private final DeadLetters deadLetters;
    private final Caller caller;
    private final String service;

    public DeadLetterResource(DeadLetters deadLetters, Caller caller,
            @ConfigProperty(name = "marketplace.events.service") String service) {
        this.deadLetters = deadLetters;
        this.caller = caller;
        this.service = service;
    }

    public record DecisionRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record DecisionView(String action, String outcome, String operatorId, String reason, OffsetDateTime decidedAt) {
        static DecisionView of(DeadLetters.Decision d) {
            return d == null ? null : new DecisionView(d.action().name(), d.outcome() == null ? null : d.outcome().name(),
                    d.operator(), d.reason(), d.at());
        }
    }

    /** {@code failure}: why the consumer refused it; {@code decision}: null until an operator decides. */
    public record DeadLetterView(String channel, String topic, int partition, long offset, String key, String sourceTopic,
            String eventId, String eventType, String failure, OffsetDateTime deadLetteredAt, DecisionView decision) {
        static DeadLetterView of(DeadLetters.DeadLetter d) {
            return new DeadLetterView(d.channel(), d.topic(), d.partition(), d.offset(), d.key(), d.sourceTopic(), d.eventId(),
                    d.eventType(), d.failure(), d.deadLetteredAt(), DecisionView.of(d.decision()));
        }
    }

    @GET
    @Operation(operationId = "listDeadLetters", summary = "List dead-lettered events", description = "Per consumer channel (channel=…), oldest first, up to limit per dead-letter topic; undecided=true hides those already re-driven or discarded.")
    public Uni<List<DeadLetterView>> list(@PathParam("service") String service, @QueryParam("channel") @Size(max = 100) String channel,
            @QueryParam("undecided") @DefaultValue("false") boolean undecided,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        ours(service);
        return deadLetters.list(channel, undecided, limit).map(all -> all.stream().map(DeadLetterView::of).toList());
    }

    @POST
    @Path("/{topic}/{partition}/{offset}/redrive")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "redriveDeadLetter", summary = "Re-drive a dead-lettered event", description = "Applies it through its consumer's handlers and inbox, in one transaction with the audit record: applied once (outcome DUPLICATE when the inbox had applied it already). 409 dead-letter-decided when it was re-driven or discarded before; 422 when it is still refused (the record stays undecided).")
    public Uni<DeadLetterView> redrive(@PathParam("service") String service, @PathParam("topic") @Size(max = 249) String topic,
            @PathParam("partition") @Min(0) int partition, @PathParam("offset") @Min(0) long offset,
            @Valid @NotNull DecisionRequest request) {
        ours(service);
        return deadLetters.redrive(topic, partition, offset, caller.subject(), request.reason()).map(DeadLetterView::of);
    }

    @POST
    @Path("/{topic}/{partition}/{offset}/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "discardDeadLetter", summary = "Discard a dead-lettered event", description = "Records that it is not to be applied, by whom and why; 409 dead-letter-decided when decided before.")
    public Uni<DeadLetterView> discard(@PathParam("service") String service, @PathParam("topic") @Size(max = 249) String topic,
            @PathParam("partition") @Min(0) int partition, @PathParam("offset") @Min(0) long offset,
            @Valid @NotNull DecisionRequest request) {
        ours(service);
        return deadLetters.discard(topic, partition, offset, caller.subject(), request.reason()).map(DeadLetterView::of);
    }

    private void ours(String asked) {
        if (!service.equals(asked)) {
            throw ProblemException.notFound("Service", asked);
        }
    }
}
