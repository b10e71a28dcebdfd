package dev.plinth.api.plugin;

/**
 * The capability namespaces Plinth defines for plugin authors.
 *
 * <p>A plugin that needs a range of Plinth runtime versions says so in its manifest, and is refused elsewhere:
 * <pre>Require-Capability: dev.plinth.runtime;filter:="(&amp;(version&gt;=0.1)(!(version&gt;=1)))"</pre>
 * A plugin that adds shell commands names them, so that catalogues can tell an operator who types one which plugin
 * to install:
 * <pre>Provide-Capability: dev.plinth.command;osgi.command.scope=greet;osgi.command.function:List&lt;String&gt;="hello,bye"</pre>
 */
public final class Namespaces {

    /** The runtime's capability; its {@code version} attribute is the Plinth version. */
    public static final String RUNTIME = "dev.plinth.runtime";

    /** Shell commands a plugin provides, with {@code osgi.command.scope} and {@code osgi.command.function}. */
    public static final String COMMAND = "dev.plinth.command";

    private Namespaces() {
    }
}
