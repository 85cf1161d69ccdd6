package io.infer4j.core.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/** Masks secrets in URLs and JSON text before anything is logged or put in an exception message. */
public final class Redaction {
    /** JSON keys and query parameters whose values are always masked. */
    public static final Set<String> SECRET_KEYS = Set.of(
            "password", "client_secret", "access_token", "refresh_token", "id_token", "apikey", "api_key",
            "token", "secret", "authorization");

    private static final Pattern JSON_SECRET = Pattern.compile(
            "(\"(?:password|client_secret|access_token|refresh_token|id_token|apikey|api_key|token|secret|authorization)\"\\s*:\\s*)"
                    + "(\"(?:[^\"\\\\]|\\\\.)*\"?|[^,}\\]\\s]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FORM_SECRET = Pattern.compile(
            "((?:^|&)(?:password|client_secret|refresh_token|access_token|token|apikey)=)[^&]*",
            Pattern.CASE_INSENSITIVE);

    private Redaction() {
    }

    /** The URL with the values of secret query parameters replaced by {@code ***}. */
    public static String url(HttpUrl url) {
        if (url.querySize() == 0) {
            return url.toString();
        }
        HttpUrl.Builder b = url.newBuilder();
        boolean changed = false;
        for (String name : url.queryParameterNames()) {
            if (SECRET_KEYS.contains(name.toLowerCase(Locale.ROOT))) {
                b.setQueryParameter(name, "***");
                changed = true;
            }
        }
        String s = (changed ? b.build() : url).toString();
        return changed ? s.replace("%2A%2A%2A", "***") : s;
    }

    /** JSON (or form-encoded) text with the values of secret keys replaced by {@code "***"}. */
    public static String maskJsonSecrets(String text) {
        Matcher m = JSON_SECRET.matcher(text);
        String masked = m.find() ? m.replaceAll("$1\"***\"") : text;
        Matcher f = FORM_SECRET.matcher(masked);
        return f.find() ? f.replaceAll("$1***") : masked;
    }
}
