package mind.settings.hooks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import mind.common.time.ApiTime;
import mind.settings.domain.EventType;

/**
 * enneo's time events, as its event list gives their schedules (UTC here): {@code CronMinute} every 5 minutes on
 * weekdays, {@code CronHour} at minute 1 of every hour, {@code CronDay} at 2 am Monday to Friday, {@code CronWeek} at
 * 2 am on Saturdays. Every replica fires them; the key is the type and the scheduled minute, so the hooks run once
 * per tick however many replicas there are.
 */
@ApplicationScoped
public class CronEvents {

    private final HookEvents events;

    public CronEvents(HookEvents events) {
        this.events = events;
    }

    @Scheduled(cron = "0 */5 * ? * MON-FRI", timeZone = "UTC", skipExecutionIf = HookRunner.Disabled.class)
    void minute(ScheduledExecution execution) {
        fire(EventType.CronMinute, execution.getScheduledFireTime());
    }

    @Scheduled(cron = "0 1 * * * ?", timeZone = "UTC", skipExecutionIf = HookRunner.Disabled.class)
    void hour(ScheduledExecution execution) {
        fire(EventType.CronHour, execution.getScheduledFireTime());
    }

    @Scheduled(cron = "0 0 2 ? * MON-FRI", timeZone = "UTC", skipExecutionIf = HookRunner.Disabled.class)
    void day(ScheduledExecution execution) {
        fire(EventType.CronDay, execution.getScheduledFireTime());
    }

    @Scheduled(cron = "0 0 2 ? * SAT", timeZone = "UTC", skipExecutionIf = HookRunner.Disabled.class)
    void week(ScheduledExecution execution) {
        fire(EventType.CronWeek, execution.getScheduledFireTime());
    }

    /** Records the runs of one tick of {@code type}, scheduled for {@code at}. */
    @Transactional
    public void fire(EventType type, Instant at) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        events.emit(type, "cron-" + type.name() + "-" + minute.getEpochSecond(), Map.of("scheduledAt", ApiTime.formatIso(minute)));
    }
}
