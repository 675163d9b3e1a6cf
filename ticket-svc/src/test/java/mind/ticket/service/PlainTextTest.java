package mind.ticket.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jsoup.Jsoup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plain form of an HTML body (bodyPlain): the compiled queries and text-node markers of
 * {@link TicketService#plainText} give exactly what the straightforward jsoup calls give, which this test keeps as
 * the reference.
 */
class PlainTextTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "<p>bench body</p>",
            "<p>Hello</p><p>World</p>again",
            "<div>one<br>two<br/>three</div><div>four</div>",
            "<p>a<br></p><p> b </p>",
            "<ul><li>first</li><li>second <b>bold</b></li></ul><ol><li>x</li></ol>",
            "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
            "<h1>Title</h1><h2>Sub</h2><h3>3</h3><h4>4</h4><h5>5</h5><h6>6</h6>text",
            "<html><head><title>in the head</title></head><body><p>body &amp; more &lt;3</p></body></html>",
            "<div><div><p>nested</p></div></div>after",
            "<span>inline</span> <em>only</em>",
            "<p>  lots   of\n\n   space  </p>\n<p>\tand tabs</p>",
            "<script>var x = 1;</script><p>after script</p>",
            "text before <br> and after",
            "<p>\\n a literal backslash-n</p>",
            "<P>UPPER</P><BR><DIV>case</DIV>"})
    void givesWhatTheReferenceGives(String html) {
        assertEquals(reference(html), TicketService.plainText(html), html);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain text only", "is 2 < 3? yes <3", ""})
    void plainTextPassesUnchanged(String text) {
        assertEquals(text, TicketService.plainText(text));
    }

    /** The plain form as first written: parsing the queries, the marker HTML and the pattern on every call. */
    private static String reference(String body) {
        var document = Jsoup.parse(body);
        document.outputSettings().prettyPrint(false);
        document.select("br").after("\\n");
        document.select("p, div, li, tr, h1, h2, h3, h4, h5, h6").after("\\n");
        return document.text().replace("\\n", "\n").replaceAll(" *\n *", "\n").strip();
    }
}
