package dev.plinth.sample.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.plinth.testing.PlinthRuntime;
import dev.plinth.testing.PlinthTest;

/** The plugin's route in its namespace of the runtime's REST API. */
@PlinthTest
class GreetingRoutePluginTest {

    @Test
    void servesItsRoute(PlinthRuntime plinth) {
        HttpResponse<String> response = plinth.get("/api/plugin/dev.plinth.sample.routes/greeting");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"greeting\":\"Hello, "), response.body());
    }
}
