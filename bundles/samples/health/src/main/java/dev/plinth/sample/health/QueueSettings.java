package dev.plinth.sample.health;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The queue's settings: how full it is, so that an operator can watch its health check change. */
@ObjectClassDefinition(id = QueueSettings.PID, name = "Work queue", description = "A queue whose fill level its health check reports.")
public @interface QueueSettings {

    /** The configuration's PID. */
    String PID = "sample.health.queue";

    @AttributeDefinition(name = "Fill (percent)", description = "How full the queue is: warn from 80, critical from 95.", min = "0", max = "100")
    int fill_percent() default 42;
}
