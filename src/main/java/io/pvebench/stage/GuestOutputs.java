package io.pvebench.stage;

import io.pvebench.guest.GuestResult;
import io.pvebench.run.Attachment;
import io.pvebench.ssh.CommandResult;
import java.util.List;

/**
 * Keeps a guest command's own output in the run folder, beside the agent's wrapper
 * that {@link RecordingShell} keeps, so parsers can be re-run on exactly what the
 * tool printed.
 */
final class GuestOutputs {

    private GuestOutputs() {
    }

    static List<Attachment> keep(CaseContext kase, String stage, String title, GuestResult result) {
        CommandResult asCommand = new CommandResult("vm" + result.vm().vmid() + "@" + result.vm().node(),
                result.commandLine(), result.exitCode(), result.stdout(), result.stderr(), result.elapsed());
        return kase.run().folder().saveRaw(kase.id(), stage, title, asCommand);
    }
}
