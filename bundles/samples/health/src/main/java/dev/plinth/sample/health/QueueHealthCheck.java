package dev.plinth.sample.health;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/** Reports the queue's fill level as an Apache Felix Health Check: ok, warn from 80 %, critical from 95 %. */
@Component(configurationPid = QueueSettings.PID, property = {
    HealthCheck.NAME + "=Work queue",
    HealthCheck.TAGS + "=queue"})
@Designate(ocd = QueueSettings.class)
public final class QueueHealthCheck implements HealthCheck {

    private volatile int fill;

    @Activate
    public QueueHealthCheck(QueueSettings settings) {
        modified(settings);
    }

    @Modified
    void modified(QueueSettings settings) {
        fill = settings.fill_percent();
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        int percent = fill;
        if (percent >= 95) {
            log.critical("the queue is {}% full", percent);
        } else if (percent >= 80) {
            log.warn("the queue is {}% full", percent);
        } else {
            log.info("the queue is {}% full", percent);
        }
        return new Result(log);
    }
}
