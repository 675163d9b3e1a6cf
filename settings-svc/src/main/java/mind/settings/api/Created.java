package mind.settings.api;

/** enneo's answer to a create: {@code {"success":true,"id":70}}. */
@org.eclipse.microprofile.openapi.annotations.media.Schema(name = "SettingsCreated")
public record Created(boolean success, long id) {

    public static Created of(long id) {
        return new Created(true, id);
    }
}
