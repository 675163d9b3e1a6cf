package mind.aiagent.engine;

/**
 * One entry of {@code settings.parameters[]}: where the engine finds a value and what type it has.
 *
 * @param key        the name conditions and texts use ({@code reading})
 * @param name       shown to people; defaults to the key
 * @param type       string, number, boolean, date (ISO {@code yyyy-mm-dd} text), list (a JSON array; from a pattern
 *                   every match) or object (a JSON object, or a text holding one)
 * @param source     ticket, pattern, contract, customer, given or fixed
 * @param sourceKey  for ticket/contract/customer/given: the dotted field to read ({@code customer.email});
 *                   defaults to the key
 * @param pattern    for source pattern: a regular expression (RE2 syntax, linear time) whose group
 *                   {@code value} or else group 1 or else the whole match is the value
 * @param in         for source pattern: subject, body or both (default)
 * @param required   a missing required parameter stops the run with a missingData outcome
 * @param value      the value for source fixed, and the fallback for every other source
 */
public record ParameterDef(String key, String name, ParamType type, Source source, String sourceKey, String pattern,
        String in, boolean required, Object value) {

    public enum ParamType {
        string, number, bool, date, list, object;

        static ParamType parse(String s) {
            if (s == null) return string;
            return switch (s) {
                case "string", "text", "str", "enum" -> string;
                case "number", "float", "integer", "int" -> number;
                case "boolean", "bool" -> bool;
                case "date" -> date;
                case "list", "array" -> list;
                case "object", "dict" -> object;
                default -> null;
            };
        }

        public String wireName() {
            return this == bool ? "boolean" : name();
        }
    }

    public enum Source {
        ticket, pattern, contract, customer, given, fixed
    }
}
