package dev.plinth.rest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.plinth.api.Plan;
import dev.plinth.api.PluginDetails;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.Verb;
import dev.plinth.api.settings.SettingRefusal;
import dev.plinth.api.storage.StorageInfo;
import dev.plinth.common.documents.PluginDetailsDocument;
import dev.plinth.common.json.JsonDocuments;

/**
 * The API's JSON documents, written by Jackson ({@link JsonDocuments}): the API's records under their own names,
 * enums as their operator labels ({@code enabled}, {@code add-library}), instants in ISO-8601, absent values as
 * {@code null}. The few answers that are not one of the API's records are the records below.
 */
final class Json {

    /** A plugin as the API shows it: every {@link PluginInfo} property, then the routes refused to it. */
    record PluginDocument(@JsonUnwrapped PluginInfo plugin, List<String> refusedRoutes) {
    }

    /** A plugin of a list: as {@link PluginDocument}, and whether it runs misconfigured, on its last good settings. */
    record ListedPluginDocument(@JsonUnwrapped PluginInfo plugin, List<String> refusedRoutes, boolean misconfigured) {
    }

    /** A plan: its verb and target, whether it was only simulated, its steps and the bundles it refreshes. */
    record PlanDocument(Verb verb, String target, boolean simulated, List<Plan.Step> steps, List<String> refresh) {
    }

    /** The answer to a verb: the plan, and the plugin as it is after it ({@code null} in a dry run). */
    record PlanAnswerDocument(PlanDocument plan, PluginDocument plugin) {
    }

    /**
     * An RFC 9457 problem, with Plinth's code and its detail lines, and for refused settings each refusal (both left
     * out when there are none).
     */
    record ProblemDocument(String type, String title, int status, String code, String detail,
            @JsonInclude(Include.NON_EMPTY) List<String> details,
            @JsonInclude(Include.NON_EMPTY) List<SettingRefusal> refusals) {
    }

    PluginDocument plugin(PluginInfo plugin, List<String> refusedRoutes) {
        return new PluginDocument(plugin, List.copyOf(refusedRoutes));
    }

    ListedPluginDocument listed(PluginInfo plugin, List<String> refusedRoutes, boolean misconfigured) {
        return new ListedPluginDocument(plugin, List.copyOf(refusedRoutes), misconfigured);
    }

    PluginDetailsDocument details(PluginDetails details, StorageInfo storage) {
        return PluginDetailsDocument.of(details, storage);
    }

    PlanDocument plan(Plan plan) {
        return new PlanDocument(plan.verb(), plan.target(), plan.simulated(), plan.steps(), plan.refresh());
    }

    ProblemDocument problem(Problem problem) {
        return new ProblemDocument(problem.type(), problem.title(), problem.status(), problem.code(),
                problem.message(), problem.details(), problem.refusals());
    }

    /** Writes {@code value} as compact JSON to {@code out}, leaving it open. */
    void write(Object value, OutputStream out) throws IOException {
        JsonDocuments.write(value, out);
    }
}
