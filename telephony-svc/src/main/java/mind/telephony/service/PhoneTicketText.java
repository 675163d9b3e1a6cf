package mind.telephony.service;

import java.util.List;

import mind.common.time.ApiTime;
import mind.telephony.domain.CallDirection;
import mind.telephony.domain.TranscriptLine;

/** Subject and body of a phone ticket, written for the agent who opens it. */
public final class PhoneTicketText {

    private PhoneTicketText() {
    }

    /** "Call from John Smith (+491234567890)", "Call to +491234567890", or "Phone call" when nothing is known. */
    static String subject(CallDirection direction, String callerName, String phone, String to) {
        if (direction == CallDirection.out) {
            String whom = join(callerName, to);
            return whom == null ? "Outbound phone call" : "Call to " + whom;
        }
        String who = join(callerName, phone);
        return who == null ? "Phone call" : "Call from " + who;
    }

    private static String join(String name, String number) {
        boolean hasName = name != null && !name.isBlank();
        boolean hasNumber = number != null && !number.isBlank();
        if (hasName && hasNumber) {
            return name.strip() + " (" + number.strip() + ")";
        }
        return hasName ? name.strip() : hasNumber ? number.strip() : null;
    }

    /**
     * One line per utterance, {@code [2024-01-23 14:32:11] bot: Hello ...} (UTC), in the order the
     * phone system sent them; null when there is no transcript.
     */
    public static String body(List<TranscriptLine> transcript) {
        if (transcript == null || transcript.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (TranscriptLine line : transcript) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            if (line.timestamp() != null) {
                text.append('[').append(ApiTime.format(line.timestamp())).append("] ");
            }
            text.append(line.speaker().strip()).append(": ").append(line.message());
        }
        return text.toString();
    }
}
