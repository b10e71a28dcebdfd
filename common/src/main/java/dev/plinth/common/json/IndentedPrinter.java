package dev.plinth.common.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

/**
 * The indented layout of Plinth's files and {@code --json} output (JSON-P's, before Jackson): four spaces,
 * {@code "name": value}, and empty arrays and objects closed on a line of their own.
 */
final class IndentedPrinter extends DefaultPrettyPrinter {

    private static final long serialVersionUID = 1L;

    IndentedPrinter() {
        super(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
        indentObjectsWith(indenter);
        indentArraysWith(indenter);
    }

    private IndentedPrinter(IndentedPrinter base) {
        super(base);
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
        return new IndentedPrinter(this);
    }

    @Override
    public void writeEndArray(JsonGenerator out, int values) throws IOException {
        _nesting--;
        _arrayIndenter.writeIndentation(out, _nesting);
        out.writeRaw(']');
    }

    @Override
    public void writeEndObject(JsonGenerator out, int entries) throws IOException {
        _nesting--;
        _objectIndenter.writeIndentation(out, _nesting);
        out.writeRaw('}');
    }
}
