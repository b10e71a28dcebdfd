package dev.plinth.sample.pages;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The sample's one setting, edited by its console settings editor (or the console's generated form). */
@ObjectClassDefinition(id = PagesSettings.PID, name = "Greetings",
        description = "How the sample's pages greet the operator.")
public @interface PagesSettings {

    /** The configuration's PID. */
    String PID = "sample.pages";

    @AttributeDefinition(name = "Greeting", description = "The word the pages greet with.")
    String greeting() default "Hello";
}
