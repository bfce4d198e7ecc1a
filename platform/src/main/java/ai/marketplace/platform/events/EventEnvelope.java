package ai.marketplace.platform.events;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;

/**
 * CloudEvents 1.0 structured JSON mode, done with the CloudEvents SDK so that the wire format is the
 * specification's, not ours. The data is always a JSON object.
 */
public final class EventEnvelope {

    /** Distributed tracing extension attribute (CloudEvents extension spec). */
    public static final String TRACEPARENT = "traceparent";
    /** Extension carrying the id of the API request that caused the event, for log correlation. */
    public static final String REQUEST_ID = "requestid";
    /** Kafka {@code content-type} header of structured-mode CloudEvents records (CloudEvents Kafka binding). */
    public static final String KAFKA_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    /** Extension naming the aggregate the event is about; equals the Kafka key. */
    public static final String AGGREGATE_TYPE = "aggregatetype";

    private static final EventFormat FORMAT = Objects.requireNonNull(
            EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE),
            "cloudevents-json-jackson is not on the class path");

    private EventEnvelope() {
    }

    public static byte[] serialize(String id, String source, String type, String aggregateType, String subject,
            OffsetDateTime time, byte[] jsonData, String traceparent, String requestId) {
        CloudEventBuilder b = CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create(source))
                .withType(type)
                .withSubject(subject)
                .withTime(time)
                .withDataContentType("application/json")
                .withData(jsonData)
                .withExtension(AGGREGATE_TYPE, aggregateType);
        if (traceparent != null) {
            b.withExtension(TRACEPARENT, traceparent);
        }
        if (requestId != null) {
            b.withExtension(REQUEST_ID, requestId);
        }
        return FORMAT.serialize(b.build());
    }

    /**
     * Parses a structured-mode CloudEvent. Throws {@link MalformedEventException} for anything that is not a
     * valid CloudEvent with a JSON object as data, so consumers can dead-letter it instead of retrying forever.
     */
    public static IncomingEvent parse(byte[] bytes, ObjectMapper mapper) {
        CloudEvent ce;
        try {
            ce = FORMAT.deserialize(bytes);
        } catch (EventDeserializationException | IllegalArgumentException | IllegalStateException e) {
            throw new MalformedEventException("not a CloudEvents 1.0 structured JSON event: " + e.getMessage(), e);
        }
        if (ce.getData() == null) {
            throw new MalformedEventException("event " + ce.getId() + " has no data");
        }
        JsonNode data;
        try {
            data = mapper.readTree(ce.getData().toBytes());
        } catch (java.io.IOException e) {
            throw new MalformedEventException("event " + ce.getId() + " data is not JSON", e);
        }
        if (data == null || !data.isObject()) {
            throw new MalformedEventException("event " + ce.getId() + " data is not a JSON object");
        }
        return new IncomingEvent(ce.getId(), ce.getSource().toString(), ce.getType(), ce.getSubject(), ce.getTime(),
                data, str(ce.getExtension(TRACEPARENT)), str(ce.getExtension(REQUEST_ID)),
                str(ce.getExtension(AGGREGATE_TYPE)), bytes);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
