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

    /** One converter per element type; the subclass only names the list type so Jackson knows what to build. */
    abstract static class ListColumn<T> implements AttributeConverter<List<T>, String> {
        private final TypeReference<List<T>> type;

        ListColumn(TypeReference<List<T>> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(List<T> values) {
            try {
                return MAPPER.writeValueAsString(values == null ? List.of() : values);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<T> convertToEntityAttribute(String json) {
            try {
                return json == null ? List.of() : List.copyOf(MAPPER.readValue(json, type));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("corrupt JSON column: " + e.getOriginalMessage(), e);
            }
        }
    }

    public static final class Links extends ListColumn<Link> {
        public Links() {
            super(new TypeReference<>() {
            });
        }
    }

    public static final class Metrics extends ListColumn<Metric> {
        public Metrics() {
            super(new TypeReference<>() {
            });
        }
    }
}
