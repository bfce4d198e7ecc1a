package ai.marketplace.platform.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A received CloudEvent whose data is a JSON object, and the bytes it arrived as (for a consumer that passes the event
 * on unchanged, such as the partner webhooks).
 */
public record IncomingEvent(String id, String source, String type, String subject, OffsetDateTime time,
        JsonNode data, String traceparent, String requestId, String aggregateType, byte[] raw) {

    /** When the producer says it happened; an event without a time is read as happening now. */
    public OffsetDateTime timeOrNow() {
        return time != null ? time : OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The event name part of the type ({@code AssetCreated}), or null when the type is not ours. */
    public String name() {
        return EventTypes.eventName(type);
    }

    public <T> T dataAs(Class<T> type, ObjectMapper mapper) {
        try {
            return mapper.treeToValue(data, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("event " + id + " (" + this.type + ") data does not match "
                    + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("event " + id + " (" + this.type + ") data does not match "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
