package dev.plinth.common.json;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Jackson's streaming layer (jackson-core alone) for the files read on the way to the ready line, where
 * databind's first use would cost more than the whole read (its mapper loads some hundreds of classes):
 * a document read as plain maps and lists, and a document written through a generator, in the same layout as
 * {@link JsonDocuments}.
 */
public final class JsonStreams {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** Writes one document to a generator. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator out) throws IOException;
    }

    private JsonStreams() {
    }

    /**
     * The JSON object {@code text} holds, as a map (in the text's order; a name given twice keeps its last value)
     * of strings, numbers, booleans, {@code null}, lists and maps.
     *
     * @throws UncheckedIOException when the text is not one JSON object and nothing after it but blanks
     */
    public static Map<String, Object> readObject(String text) {
        try (JsonParser in = FACTORY.createParser(text)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            Map<String, Object> object = object(in);
            if (in.nextToken() != null) {
                throw new IOException("more follows the JSON object");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The document {@code body} writes, compact. */
    public static String compact(Body body) {
        return write(body, false);
    }

    /** The document {@code body} writes, indented, without a line break at the end. */
    public static String pretty(Body body) {
        return write(body, true);
    }

    /** The layout of {@link #pretty}, for a databind writer. */
    static IndentedPrinter printer() {
        return new IndentedPrinter();
    }

    /** Writes {@code name} with {@code value} when the value is not {@code null}. */
    public static void optional(JsonGenerator out, String name, String value) throws IOException {
        if (value != null) {
            out.writeStringField(name, value);
        }
    }

    private static String write(Body body, boolean pretty) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = FACTORY.createGenerator(text)) {
            if (pretty) {
                out.setPrettyPrinter(new IndentedPrinter());
            }
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static Map<String, Object> object(JsonParser in) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
            in.nextToken();
            object.put(name, value(in));
        }
        if (in.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("the JSON ends inside an object");
        }
        return object;
    }

    private static Object value(JsonParser in) throws IOException {
        JsonToken token = in.currentToken();
        if (token == null) {
            throw new IOException("the JSON ends before a value");
        }
        return switch (token) {
            case START_OBJECT -> object(in);
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = in.nextToken(); next != JsonToken.END_ARRAY; next = in.nextToken()) {
                    if (next == null) {
                        throw new IOException("the JSON ends inside an array");
                    }
                    array.add(value(in));
                }
                yield array;
            }
            case VALUE_STRING -> in.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> in.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + in.currentToken());
        };
    }
}
