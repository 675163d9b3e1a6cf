package mind.ticket.service;

import java.util.List;
import java.util.regex.Pattern;

import io.vertx.ext.mail.mailencoder.EmailAddress;
import mind.common.error.ApiException;

/** What counts as a mail address a mail may be sent to. */
public final class MailAddresses {

    /**
     * local@domain.tld: no spaces, no angle brackets or commas (one address, not a list or a display
     * name), a dot in the domain. Deliberately plain; the SMTP server has the last word.
     */
    public static final String PATTERN = "[^\\s@<>,;\"]+@[^\\s@<>,;\"]+\\.[^\\s@<>,;\"]+";

    private static final Pattern ADDRESS = Pattern.compile(PATTERN);

    private MailAddresses() {
    }

    public static boolean valid(String address) {
        return address != null && address.length() <= 320 && ADDRESS.matcher(address).matches();
    }

    /**
     * The address alone of {@code Name <address>} or {@code address (Name)}, as a ticket's {@code from} may hold
     * it (the mail client's own parser); the text unchanged when it is no such form.
     */
    static String bare(String address) {
        try {
            return new EmailAddress(address).getEmail();
        } catch (IllegalArgumentException notAnAddress) {
            return address;
        }
    }

    /**
     * 400 naming {@code field[i]} for the first address that is none; {@code field} itself when the
     * address was sent as a single string ({@link Recipients}).
     */
    static void check(String field, List<String> addresses) {
        for (int i = 0; i < addresses.size(); i++) {
            if (!valid(addresses.get(i))) {
                throw ApiException.invalidField(Recipients.isSingle(addresses) ? field : field + "[" + i + "]",
                        "must be an email address");
            }
        }
    }
}
