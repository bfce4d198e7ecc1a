package ai.marketplace.examples.partner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The parts of a marketplace CloudEvent (structured JSON mode) a partner usually needs. Amounts in {@code data} are
 * decimal strings of token base units: keep them as strings or {@code BigInteger}, never as floating point.
 */
record Event(String id, String type, String subject, String time, JsonNode data) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The event in a record's value, or null when the value is not a CloudEvent with an id and a type. */
    static Event parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(value);
            if (n == null || !n.path("id").isTextual() || !n.path("type").isTextual()) {
                return null;
            }
            return new Event(n.get("id").asText(), n.get("type").asText(), n.path("subject").asText(null),
                    n.path("time").asText(null), n.path("data"));
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** {@code ai.marketplace.catalog.OrderPlaced.v1} → {@code catalog.OrderPlaced}. */
    String shortType() {
        String t = type.startsWith("ai.marketplace.") ? type.substring("ai.marketplace.".length()) : type;
        return t.replaceFirst("\\.v\\d+$", "");
    }

    /** One line to print: when, what, which aggregate, and the data. */
    String line() {
        return time + "  " + shortType() + "  " + subject + "  " + data;
    }
}
