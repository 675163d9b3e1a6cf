package mind.ticket.service;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Recipient lists as enneo's clients send them: one address as a string, or an array of addresses. A
 * string is read as a list of one that remembers it was sent as a string, so that a 400 about it names
 * the field ({@code to}) rather than an element ({@code to[0]}) the client never wrote. No splitting at
 * commas: neither enneo's docs nor its clients put several addresses in one string.
 */
public final class Recipients {

    private Recipients() {
    }

    /** The list of the one address sent as a string. */
    public static List<String> single(String address) {
        return new Single(address);
    }

    /** Whether the list came as a single string. */
    static boolean isSingle(List<?> list) {
        return list instanceof Single;
    }

    /** An unmodifiable list of one element; a marker for {@link #isSingle}. */
    private static final class Single extends AbstractList<String> implements RandomAccess {
        private final String address;

        Single(String address) {
            this.address = address;
        }

        @Override
        public String get(int index) {
            if (index != 0) {
                throw new IndexOutOfBoundsException(index);
            }
            return address;
        }

        @Override
        public int size() {
            return 1;
        }
    }
}
