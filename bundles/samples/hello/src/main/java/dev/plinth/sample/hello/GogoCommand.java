package dev.plinth.sample.hello;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Makes a component's service a Gogo console command: sets {@code osgi.command.scope} and
 * {@code osgi.command.function}, the latter as a String[] as Gogo expects.
 */
@ComponentPropertyType
@interface GogoCommand {

    /** The prefix of the property names. */
    String PREFIX_ = "osgi.command.";

    /** The scope, the part before the colon: {@code scope:function}. */
    String scope();

    /** The function names: the public methods of the service that the console offers. */
    String[] function();
}
