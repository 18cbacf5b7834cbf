package io.pvebench.measure;

import io.pvebench.PvebenchException;

/**
 * A tool ran and reported its own failure in its output (iperf3's {@code "error"} key),
 * whatever its exit code said. Carries the tool's own words unchanged.
 */
public class ToolErrorException extends PvebenchException {

    private final String tool;
    private final String toolMessage;

    public ToolErrorException(String tool, String toolMessage) {
        super(tool + " reported an error: " + toolMessage);
        this.tool = tool;
        this.toolMessage = toolMessage;
    }

    /** The tool's name, e.g. {@code iperf3}. */
    public String tool() {
        return tool;
    }

    /** The message exactly as the tool wrote it. */
    public String toolMessage() {
        return toolMessage;
    }
}
