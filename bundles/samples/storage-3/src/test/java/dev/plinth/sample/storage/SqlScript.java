package dev.plinth.sample.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A migration's SQL file of the build's output, as its statements (comments left out), for tests. */
final class SqlScript {

    private SqlScript() {
    }

    static List<String> statements(String name) throws IOException {
        String text;
        try (InputStream in = SqlScript.class.getResourceAsStream("/db/migration/" + name)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder code = new StringBuilder();
        text.lines().filter(line -> !line.strip().startsWith("--")).forEach(line -> code.append(line).append('\n'));
        List<String> statements = new ArrayList<>();
        for (String statement : code.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }
}
