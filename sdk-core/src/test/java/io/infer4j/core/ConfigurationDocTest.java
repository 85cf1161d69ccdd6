package io.infer4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md cannot drift from {@link Settings}: its settings tables must be exactly
 * what the declarations render. After changing a declaration, run this test with
 * {@code -Dinfer4j.updateDocs=true} to rewrite the tables, and commit the page with the change.
 */
class ConfigurationDocTest {
    static final String BEGIN = "<!-- settings:begin (generated from io.infer4j.core.Settings; ConfigurationDocTest checks it) -->";
    static final String END = "<!-- settings:end -->";

    @Test
    void theSettingsTablesAreTheDeclarations() throws IOException {
        Path page = locate();
        String text = Files.readString(page, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("%s has the %s marker", page, BEGIN).isGreaterThanOrEqualTo(0);
        assertThat(end).as("%s has the %s marker", page, END).isGreaterThan(begin);
        String actual = text.substring(begin + BEGIN.length(), end);
        String expected = "\n" + render();
        if (!actual.equals(expected) && Boolean.getBoolean("infer4j.updateDocs")) {
            Files.writeString(page, text.substring(0, begin + BEGIN.length()) + expected + text.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(actual).as("the settings tables of %s (rerun with -Dinfer4j.updateDocs=true to regenerate)", page)
                .isEqualTo(expected);
    }

    @Test
    void everySettingNamedInThePageIsDeclared() throws IOException {
        String text = Files.readString(locate(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("`((?:INFER4J|WALLAROO|OMEGA|MODEL)_[A-Z0-9_]+)`").matcher(text);
        while (m.find()) {
            String name = m.group(1);
            assertThat(Settings.all()).as("`%s` in docs/configuration.md is a declared setting", name)
                    .anySatisfy(s -> assertThat(s.env()).isEqualTo(name));
        }
    }

    /** The tables, one per client, as they must appear between the markers. */
    static String render() {
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put("all", "All clients");
        titles.put("WallarooClient", "`WallarooClient`");
        titles.put("OmegaClient", "`OmegaClient`");
        titles.put("ModelEndpoint", "`ModelEndpoint`");
        StringBuilder sb = new StringBuilder();
        titles.forEach((client, title) -> {
            sb.append("### ").append(title).append("\n\n");
            sb.append("| Env variable | System property | Profile key | Default | Secret | Meaning |\n");
            sb.append("|---|---|---|---|---|---|\n");
            for (Setting s : Settings.all()) {
                if (!s.client().equals(client)) {
                    continue;
                }
                String meaning = s.description() + s.legacyProperty()
                        .map(l -> " The old property name `-D" + l + "` still works, with a deprecation warning.").orElse("");
                sb.append("| `").append(s.env()).append("` | `").append(s.property()).append("` | ")
                        .append(s.profileKey().map(k -> "`" + k + "`").orElse("—")).append(" | ")
                        .append(s.required() ? "required" : s.defaultValue().map(d -> "`" + d + "`").orElse("—"))
                        .append(" | ").append(s.secret() ? "yes" : "no").append(" | ").append(meaning).append(" |\n");
            }
            sb.append('\n');
        });
        return sb.toString();
    }

    private static Path locate() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("docs").resolve("configuration.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("docs/configuration.md not found above " + Paths.get("").toAbsolutePath());
    }
}
