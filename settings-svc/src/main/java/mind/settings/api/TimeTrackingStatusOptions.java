package mind.settings.api;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import mind.settings.domain.ProfileEnums.Status;
import mind.settings.domain.ProfileEnums.StatusInput;

/**
 * Answer of {@code GET /profile/timeTrackingStatusOptions}: the work statuses ({@code settings.status}) a person can
 * choose. Mind's are fixed (available, busy, offline: other services read them); enneo's time-tracking ids are
 * accepted as aliases of them and listed with the status they mean.
 */
public record TimeTrackingStatusOptions(boolean success, List<Option> options) {

    /** One status: its id (what is stored and answered), a label, what it means for routing, the ids read as it. */
    @Schema(name = "TimeTrackingStatusOption")
    public record Option(
            Status id,
            String label,
            @Schema(description = "what the status means for the work a person is given") String description,
            @Schema(description = "native call routing may offer calls (with call routing status idle)") boolean availableForCalls,
            @Schema(description = "chats may be routed (with chat routing status idle)") boolean availableForChats,
            @Schema(description = "enneo time-tracking ids accepted for this status on input") List<String> aliases) {
    }

    public static final TimeTrackingStatusOptions ALL = new TimeTrackingStatusOptions(true, List.of(
            option(Status.available, "Available", "At work and taking work: calls and chats are routed to the person, "
                    + "tickets come from the work queue", true, true),
            option(Status.busy, "Busy", "At work but taking no new calls or chats (support mode, a break, away)", false, false),
            option(Status.offline, "Offline", "Not working, also during a long absence", false, false)));

    private static Option option(Status status, String label, String description, boolean calls, boolean chats) {
        List<String> aliases = Arrays.stream(StatusInput.values())
                .filter(i -> i.stored == status && !i.name().equals(status.name())).map(Enum::name).toList();
        return new Option(status, label, description, calls, chats, aliases);
    }
}
