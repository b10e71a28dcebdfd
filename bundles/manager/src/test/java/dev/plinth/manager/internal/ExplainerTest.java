package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

class ExplainerTest {

    private static final String DATABIND = "com.fasterxml.jackson.core.jackson-databind";
    private static final CapabilityIndex.Naming NAMING = id -> "plugin " + id;

    private final Explainer explainer = new Explainer(CapabilityIndex.of(new Bundle[0], bundle -> true, NAMING),
            NAMING, List.of());

    private static Capabilities.Req importing(String name) {
        return new Capabilities.Req("osgi.wiring.package",
                "(&(osgi.wiring.package=" + name + ")(version>=2.18.0)(!(version>=3.0.0)))");
    }

    @Test
    void packagesOneBundleWouldProvideMakeOneSentence() {
        List<String> problems = explainer.explain(DATABIND, List.of(
                importing("com.fasterxml.jackson.core"),
                importing("com.fasterxml.jackson.core.base"),
                importing("org.example.other"),
                importing("com.fasterxml.jackson.core.util")));

        assertEquals(List.of(
                "plugin " + DATABIND + " needs package com.fasterxml.jackson.core [2.18.0,3.0.0) and 2 subpackages"
                        + " (base, util), which no installed plugin or library provides",
                "plugin " + DATABIND + " needs package org.example.other [2.18.0,3.0.0), which no installed plugin"
                        + " or library provides"),
                problems);
    }

    @Test
    void aFragmentWithoutItsHostSaysSo() {
        List<String> problems = explainer.explain("org.example.fragment", List.of(new Capabilities.Req(
                "osgi.wiring.host", "(&(osgi.wiring.host=org.example.host)(bundle-version>=1.0.0))")));

        assertEquals(List.of("plugin org.example.fragment is a fragment of org.example.host >=1.0.0, which is not"
                + " installed"), problems);
    }
}
