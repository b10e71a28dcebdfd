package dev.plinth.api.plugin;

/**
 * The capability namespaces Plinth defines for plugin authors.
 *
 * <p>A plugin that needs a range of Plinth runtime versions says so in its manifest, and is refused elsewhere:
 * <pre>Require-Capability: dev.plinth.runtime;filter:="(&amp;(version&gt;=0.1)(!(version&gt;=1)))"</pre>
 * A plugin that adds shell commands names them, so that catalogues can tell an operator who types one which plugin
 * to install:
 * <pre>Provide-Capability: dev.plinth.command;osgi.command.scope=greet;osgi.command.function:List&lt;String&gt;="hello,bye"</pre>
 * A plugin that brings its own console pages ({@code Plinth-Console} header) names the console SDK versions it was
 * built for, and is refused in the plan by a runtime whose console offers none of them:
 * <pre>Require-Capability: dev.plinth.console.sdk;filter:="(&amp;(version&gt;=1.0)(!(version&gt;=2)))"</pre>
 */
public final class Namespaces {

    /** The runtime's capability; its {@code version} attribute is the Plinth version. */
    public static final String RUNTIME = "dev.plinth.runtime";

    /** Shell commands a plugin provides, with {@code osgi.command.scope} and {@code osgi.command.function}. */
    public static final String COMMAND = "dev.plinth.command";

    /**
     * The console SDK the console offers to plugins' console modules; its {@code version} attribute is the SDK's
     * version. Required by every plugin with a {@code Plinth-Console} header.
     */
    public static final String CONSOLE_SDK = "dev.plinth.console.sdk";

    private Namespaces() {
    }
}
