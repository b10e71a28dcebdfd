package dev.plinth.rest.internal;

import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.plinth.common.json.JsonDocuments;

/**
 * A request body that must be one JSON object of known fields, each given once. Refusals say where the body is wrong,
 * never what it holds (Jackson's own messages quote the body, which may hold a secret).
 */
final class JsonObjectBody {

    private JsonObjectBody() {
    }

    /**
     * The body's object.
     *
     * @param fields the fields it may have
     * @param shape what the body must be, for the refusal of one that is no object ("a JSON object with ...")
     * @param takes the fields in words, for the refusal of an unknown one ("pid, set and unset")
     */
    static JsonNode read(String body, Set<String> fields, String shape, String takes) throws ApiException {
        JsonNode root;
        try {
            root = JsonDocuments.mapper().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(body);
        } catch (JsonProcessingException e) {
            String duplicate = String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")
                    ? " (a field is given twice)" : "";
            throw ApiException.badRequest("the body is not JSON" + duplicate + (e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("the body must be " + shape);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw ApiException.badRequest("unknown field " + name + " in the body; it takes " + takes);
            }
        }
        return root;
    }
}
