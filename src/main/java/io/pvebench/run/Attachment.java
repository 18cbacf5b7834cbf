package io.pvebench.run;

import java.nio.file.Path;

/**
 * A file a case produced (a raw tool output, a CSV, a chart).
 *
 * @param title    what a person sees in the report ({@code iperf3 client (pve2)})
 * @param file     path relative to the run folder
 * @param mimeType {@code text/plain}, {@code application/json}, {@code image/png}, ...
 */
public record Attachment(String title, Path file, String mimeType) {
}
