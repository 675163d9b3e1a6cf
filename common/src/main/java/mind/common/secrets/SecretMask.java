package mind.common.secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which values of free-form configuration (a subchannel's {@code data}, an executor's settings, an
 * integration's parameters) are secrets, and what a reader
 * without the right to see them gets instead. The rule goes by key name because {@code data} has no
 * schema: a key is secret when, lower-cased and with everything but letters and digits removed, it
 * contains one of {@link #MARKERS}; so {@code password}, {@code smtpPass}, {@code pwd}, {@code api-key},
 * {@code accessKey}, {@code client_secret}, {@code refreshToken}, {@code authorization} and
 * {@code credentials} all are. A false positive only
 * hides a value from non-admins, a false negative leaks one, hence the broad markers.
 */
public final class SecretMask {

    public static final String MASK = "********";

    /**
     * Compared against the normalized key, so {@code api_key} and {@code clientSecret} need no entry of their
     * own. A constant text so that the OpenAPI description can quote it.
     */
    public static final String MARKER_TEXT = "pass, pwd, secret, token, key, credential, authorization";

    public static final List<String> MARKERS = List.of(MARKER_TEXT.split(", "));

    private SecretMask() {
    }

    public static boolean isSecretKey(String key) {
        String normalized = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        for (String marker : MARKERS) {
            if (normalized.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A copy of {@code data} in which the value of every secret key, at any depth (inside nested objects
     * and arrays too), is {@link #MASK}, whatever its type: a masked object or array would still show
     * its shape. A null stays null, since there is nothing to hide. The input is never changed, which
     * matters because it may be a managed entity's state that would otherwise be flushed back.
     */
    public static Map<String, Object> masked(Map<String, Object> data) {
        if (data == null) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : data.entrySet()) {
            Object value = entry.getValue();
            copy.put(entry.getKey(), value != null && isSecretKey(entry.getKey()) ? MASK : maskedValue(value));
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object maskedValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return masked((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(maskedValue(item));
            }
            return copy;
        }
        return value;
    }
}
