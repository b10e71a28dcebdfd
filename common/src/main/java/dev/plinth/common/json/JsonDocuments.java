package dev.plinth.common.json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.module.SimpleSerializers;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * The JSON of Plinth's documents, through one Jackson {@link ObjectMapper}: a record is written as its components,
 * in their order, under their names (accessors named {@code isX} or {@code getX} add nothing); an enum with a
 * {@code label()} method as its label ({@code enabled}, {@code add-library}), any other enum as its name; an
 * {@link Instant} in ISO-8601; absent values as {@code null} unless the document's type says otherwise
 * ({@code @JsonInclude}). Reading takes the whole text as one document (nothing may follow it but blanks) and
 * ignores properties it does not know. {@link #pretty} indents by four spaces with {@code "name": value}, the
 * layout the files and the shell have always had.
 */
public final class JsonDocuments {

    private static final ObjectMapper MAPPER = create();
    private static final ObjectWriter PRETTY = MAPPER.writer(JsonStreams.printer());

    private JsonDocuments() {
    }

    /** The shared mapper (thread-safe; not to be reconfigured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code value} as compact JSON. */
    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code value} as compact JSON, written to {@code out} (left open). */
    public static void write(Object value, OutputStream out) throws IOException {
        MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, value);
    }

    /** {@code value} as indented JSON, without a line break at the end. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The document {@code text} holds, as a {@code type}.
     *
     * @throws UncheckedIOException when the text is not JSON, not one document, or not of that shape
     */
    public static <T> T read(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e.getOriginalMessage(), e);
        }
    }

    private static ObjectMapper create() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setVisibility(PropertyAccessor.ALL, Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, Visibility.ANY);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        mapper.enable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION);
        SimpleModule module = new SimpleModule("plinth");
        module.setSerializers(new LabelledEnums());
        module.addSerializer(Instant.class, new InstantSerializer());
        module.addDeserializer(Instant.class, new InstantDeserializer());
        mapper.registerModule(module);
        return mapper;
    }

    /** Enums with a public {@code label()} method are written as their label. */
    private static final class LabelledEnums extends SimpleSerializers {

        private static final long serialVersionUID = 1L;

        @Override
        public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription bean) {
            Class<?> raw = type.getRawClass();
            if (!raw.isEnum() && !(raw.getSuperclass() != null && raw.getSuperclass().isEnum())) {
                return super.findSerializer(config, type, bean);
            }
            Class<?> enumType = raw.isEnum() ? raw : raw.getSuperclass();
            try {
                Method label = enumType.getMethod("label");
                if (label.getReturnType() == String.class) {
                    return new LabelSerializer(label);
                }
            } catch (NoSuchMethodException e) {
                // written as its name
            }
            return super.findSerializer(config, type, bean);
        }
    }

    private static final class LabelSerializer extends JsonSerializer<Object> {

        private final Method label;

        LabelSerializer(Method label) {
            this.label = label;
        }

        @Override
        public void serialize(Object value, JsonGenerator out, SerializerProvider provider) throws IOException {
            try {
                out.writeString((String) label.invoke(value));
            } catch (ReflectiveOperationException e) {
                throw new IOException("the label of " + value + " cannot be read", e);
            }
        }
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {

        @Override
        public void serialize(Instant value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeString(value.toString());
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {

        @Override
        public Instant deserialize(JsonParser in, DeserializationContext context) throws IOException {
            String text = in.getValueAsString();
            if (text == null) {
                return (Instant) context.handleUnexpectedToken(Instant.class, in);
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw InvalidFormatException.from(in, "not an ISO-8601 instant: " + text, text, Instant.class);
            }
        }
    }
}
