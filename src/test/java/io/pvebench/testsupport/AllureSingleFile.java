package io.pvebench.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.pvebench.report.AllureHtml;
import io.pvebench.run.RunFolder;

import java.nio.file.Path;
import java.util.Optional;

/** Reads what a run's single-file Allure report embeds in its page, as {@link AllureHtml#embeddedFiles} finds it. */
public final class AllureSingleFile {

    private AllureSingleFile() {
    }

    /** The embedded JSON file {@code name} (e.g. {@code widgets/categories.json}) of a run's report, if there. */
    public static Optional<JsonNode> embedded(Path runFolder, String name) throws Exception {
        byte[] content = AllureHtml.embeddedFiles(runFolder.resolve("allure-report/index.html")).get(name);
        return content == null ? Optional.empty() : Optional.of(RunFolder.JSON.readTree(content));
    }
}
