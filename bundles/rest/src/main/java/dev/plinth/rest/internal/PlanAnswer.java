package dev.plinth.rest.internal;

import java.io.IOException;

import dev.plinth.api.Plan;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginManager;
import dev.plinth.api.plugin.PluginRoutes;
import jakarta.servlet.http.HttpServletResponse;

/** The answer to a verb: {@code {"plan": ..., "plugin": ...}}, the plugin as it is after the plan (null in a dry run). */
final class PlanAnswer {

    private final Responses responses;
    private final PluginManager manager;
    private final PluginRoutes routes;

    PlanAnswer(Responses responses, PluginManager manager, PluginRoutes routes) {
        this.responses = responses;
        this.manager = manager;
        this.routes = routes;
    }

    void send(HttpServletResponse response, int status, Plan plan) throws IOException {
        PluginInfo plugin = plan.simulated() ? null : manager.find(plan.target()).orElse(null);
        responses.send(response, status, new Json.PlanAnswerDocument(responses.json().plan(plan),
                plugin == null ? null : responses.json().plugin(plugin, routes.refused(plugin.id()))));
    }
}
