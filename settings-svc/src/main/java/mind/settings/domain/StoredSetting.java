package mind.settings.domain;

/**
 * A row of {@code setting_value}: a value changed from the default.
 *
 * @param valueJson the value's JSON text; for a secret setting a JSON string holding the sealed value
 * @param version   the setting's ETag; a setting never written is at version 0
 */
public record StoredSetting(String name, String valueJson, long version) {
}
