package io.infer4j.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small {@code multipart/form-data} parser (RFC 7578), enough for uploads in tests. */
public final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    /** One part: its form name, file name (or null), content type (or null) and bytes. */
    public record Part(String name, String filename, String contentType, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Multipart() {
    }

    /** The parts by name (first wins); a body that is not multipart is a 400 in the route's family. */
    public static Map<String, Part> parse(Request r, Family family) {
        Matcher m = BOUNDARY.matcher(r.header("content-type") == null ? "" : r.header("content-type"));
        if (!r.contentType().startsWith("multipart/form-data") || !m.find()) {
            throw new HttpError(family.error(400, "expected multipart/form-data"));
        }
        byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = r.body();
        Map<String, Part> parts = new LinkedHashMap<>();
        int pos = indexOf(body, delimiter, 0);
        while (pos >= 0) {
            int start = pos + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break; // closing delimiter
            }
            start = skipCrlf(body, start);
            int next = indexOf(body, delimiter, start);
            if (next < 0) {
                throw new HttpError(family.error(400, "multipart body has no closing boundary"));
            }
            int end = next;
            if (end >= 2 && body[end - 2] == '\r' && body[end - 1] == '\n') {
                end -= 2;
            }
            Part p = part(Arrays.copyOfRange(body, start, end), family);
            parts.putIfAbsent(p.name(), p);
            pos = next;
        }
        return parts;
    }

    private static Part part(byte[] raw, Family family) {
        int split = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (split < 0) {
            throw new HttpError(family.error(400, "multipart part without headers"));
        }
        String name = null;
        String filename = null;
        String type = null;
        for (String line : new String(raw, 0, split, StandardCharsets.UTF_8).split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-disposition:")) {
                Matcher n = NAME.matcher(line);
                name = n.find() ? n.group(1) : null;
                Matcher f = FILENAME.matcher(line);
                filename = f.find() ? f.group(1) : null;
            } else if (lower.startsWith("content-type:")) {
                type = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        if (name == null) {
            throw new HttpError(family.error(400, "multipart part without a name"));
        }
        return new Part(name, filename, type, Arrays.copyOfRange(raw, split + 4, raw.length));
    }

    private static int skipCrlf(byte[] b, int i) {
        return i + 1 < b.length && b[i] == '\r' && b[i + 1] == '\n' ? i + 2 : i;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** All part names, for error messages. */
    public static List<String> names(Map<String, Part> parts) {
        return new ArrayList<>(parts.keySet());
    }
}
