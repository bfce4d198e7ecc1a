package ai.marketplace.catalog.domain;

import java.util.List;

import jakarta.persistence.AttributeConverter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Small value lists stored as JSON text: read and written whole with their row, never queried inside. */
public final class JsonColumns {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonColumns() {
    }

    static <T> String write(List<T> values) {
        try {
            return MAPPER.writeValueAsString(values == null ? List.of() : values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> List<T> read(String json, TypeReference<List<T>> type) {
        try {
            return json == null ? List.of() : List.copyOf(MAPPER.readValue(json, type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column: " + e.getOriginalMessage(), e);
        }
    }

    public static class Links implements AttributeConverter<List<Link>, String> {
        @Override
        public String convertToDatabaseColumn(List<Link> links) {
            return write(links);
        }

        @Override
        public List<Link> convertToEntityAttribute(String json) {
            return read(json, new TypeReference<>() {
            });
        }
    }

    public static class Metrics implements AttributeConverter<List<Metric>, String> {
        @Override
        public String convertToDatabaseColumn(List<Metric> metrics) {
            return write(metrics);
        }

        @Override
        public List<Metric> convertToEntityAttribute(String json) {
            return read(json, new TypeReference<>() {
            });
        }
    }
}
