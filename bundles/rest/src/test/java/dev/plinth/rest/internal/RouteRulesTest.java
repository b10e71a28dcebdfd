package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RouteRulesTest {

    private static final String ID = "com.example.weather";
    private static final String SERVLET = "jakarta.servlet.Servlet";

    @Test
    void servletsInTheirOwnNamespacePass() {
        assertEquals(Optional.empty(), servlet("/api/plugin/com.example.weather/*"));
        assertEquals(Optional.empty(), servlet("/api/plugin/com.example.weather/today"));
        assertEquals(Optional.empty(), servlet("/api/plugin/com.example.weather"));
    }

    @Test
    void claimingTheManagementApiIsRefused() {
        assertEquals("Servlet 'x' (service 7): /api/plugins is outside the plugin's namespace "
                + "/api/plugin/com.example.weather/", servlet("/api/plugins").orElseThrow());
        assertTrue(servlet("/api/*").isPresent());
        assertTrue(servlet("/*").isPresent());
        assertTrue(servlet("/").isPresent());
    }

    @Test
    void anotherPluginsNamespaceOrAPrefixOfOneIsRefused() {
        assertTrue(servlet("/api/plugin/com.example.other/*").isPresent());
        assertTrue(servlet("/api/plugin/com.example.weather2/*").isPresent());
        assertTrue(servlet("/api/plugin/com.example.weather/../../plugins").isPresent());
        assertTrue(servlet("*.json").isPresent());
    }

    @Test
    void oneBadPatternAmongGoodOnesIsEnough() {
        Map<String, Object> properties = properties(SERVLET);
        properties.put("osgi.http.whiteboard.servlet.pattern",
                new String[] {"/api/plugin/com.example.weather/a", "/api/history"});
        assertTrue(RouteRules.refusal(ID, properties).orElseThrow().contains("/api/history is outside"));
    }

    @Test
    void filtersOutsideTheNamespaceOrByRegexOrServletNameAreRefused() {
        Map<String, Object> pattern = properties("jakarta.servlet.Filter");
        pattern.put("osgi.http.whiteboard.filter.pattern", "/*");
        assertTrue(RouteRules.refusal(ID, pattern).isPresent());
        Map<String, Object> regex = properties("jakarta.servlet.Filter");
        regex.put("osgi.http.whiteboard.filter.regex", ".*");
        assertTrue(RouteRules.refusal(ID, regex).orElseThrow().contains("regular expression"));
        Map<String, Object> byName = properties("jakarta.servlet.Filter");
        byName.put("osgi.http.whiteboard.filter.servlet", "plinth-api");
        assertTrue(RouteRules.refusal(ID, byName).isPresent());
    }

    @Test
    void contextsPreprocessorsListenersAndOtherContextsAreRefused() {
        assertTrue(RouteRules.refusal(ID, properties("org.osgi.service.servlet.context.ServletContextHelper"))
                .isPresent());
        assertTrue(RouteRules.refusal(ID, properties("org.osgi.service.servlet.whiteboard.Preprocessor"))
                .isPresent());
        Map<String, Object> listener = properties("jakarta.servlet.ServletRequestListener");
        listener.put("osgi.http.whiteboard.listener", "true");
        assertTrue(RouteRules.refusal(ID, listener).isPresent());
        Map<String, Object> otherContext = properties(SERVLET);
        otherContext.put("osgi.http.whiteboard.servlet.pattern", "/api/plugin/com.example.weather/*");
        otherContext.put(RouteRules.SELECT, "(osgi.http.whiteboard.context.name=mine)");
        assertTrue(RouteRules.refusal(ID, otherContext).orElseThrow().contains("default servlet context"));
        otherContext.put(RouteRules.SELECT, RouteRules.DEFAULT_CONTEXT);
        assertEquals(Optional.empty(), RouteRules.refusal(ID, otherContext));
    }

    @Test
    void keysInAnotherCaseAreJudgedAsTheWhiteboardReadsThem() {
        Map<String, Object> filter = properties("jakarta.servlet.Filter");
        filter.put("OSGI.HTTP.WHITEBOARD.FILTER.PATTERN", "/*");
        assertTrue(RouteRules.refusal(ID, filter).orElseThrow().contains("/* is outside"));
        Map<String, Object> servlet = properties(SERVLET);
        servlet.put("Osgi.Http.Whiteboard.Servlet.Pattern", "/api/history");
        assertTrue(RouteRules.refusal(ID, servlet).orElseThrow().contains("/api/history is outside"));
        Map<String, Object> errorPage = properties(SERVLET);
        errorPage.put("osgi.http.whiteboard.servlet.ERRORPAGE", "404");
        assertTrue(RouteRules.refusal(ID, errorPage).orElseThrow().contains("an error page"));
        Map<String, Object> context = properties(SERVLET);
        context.put("osgi.http.whiteboard.servlet.pattern", "/api/plugin/com.example.weather/*");
        context.put("OSGI.HTTP.WHITEBOARD.CONTEXT.SELECT", "(osgi.http.whiteboard.context.name=mine)");
        assertTrue(RouteRules.refusal(ID, context).orElseThrow().contains("default servlet context"));
    }

    @Test
    void servicesThatAreNotWhiteboardServicesPass() {
        assertEquals(Optional.empty(), RouteRules.refusal(ID, properties("com.example.Weather")));
        assertEquals(Optional.empty(), RouteRules.refusal(ID, properties(SERVLET)));
    }

    @Test
    void insideMatchesOnlyTheNamespace() {
        String namespace = RouteRules.namespace(ID);
        assertTrue(RouteRules.inside("/api/plugin/com.example.weather/x/*", namespace));
        assertFalse(RouteRules.inside("/api/plugin/com.example.weather.x/*", namespace));
        assertFalse(RouteRules.inside("/api/plugin/com.example.weather/%2e%2e/x", namespace));
    }

    private static Optional<String> servlet(String pattern) {
        Map<String, Object> properties = properties(SERVLET);
        properties.put("osgi.http.whiteboard.servlet.name", "x");
        properties.put("osgi.http.whiteboard.servlet.pattern", pattern);
        return RouteRules.refusal(ID, properties);
    }

    private static Map<String, Object> properties(String type) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("objectClass", new String[] {type});
        properties.put("service.id", 7L);
        return properties;
    }
}
