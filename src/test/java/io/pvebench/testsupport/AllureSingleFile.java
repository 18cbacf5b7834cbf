package io.pvebench.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.run.RunFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what Allure 2.34's single-file report embeds in its page: {@code d('widgets/x.json','<base64>')}. */
public final class AllureSingleFile {

    private AllureSingleFile() {
    }

    /** The embedded JSON file {@code name} (e.g. {@code widgets/categories.json}) of a run's report, if there. */
    public static Optional<JsonNode> embedded(Path runFolder, String name) throws Exception {
        String html = Files.readString(runFolder.resolve("allure-report/index.html"));
        Matcher data = Pattern.compile("d\\('" + Pattern.quote(name) + "','([^']*)'\\)").matcher(html);
        if (!data.find()) {
            return Optional.empty();
        }
        return Optional.of(RunFolder.JSON.readTree(Base64.getDecoder().decode(data.group(1))));
    }
}
