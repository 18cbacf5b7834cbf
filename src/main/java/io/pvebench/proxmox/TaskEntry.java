package io.pvebench.proxmox;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of {@code GET /nodes/NODE/tasks} (pve-manager {@code API2/Tasks.pm}).
 *
 * @param upid      the task's id, which names its log
 * @param type      {@code qmigrate}, {@code hamigrate}, ...
 * @param id        what it works on (the VM id for VM tasks)
 * @param start     {@code starttime}
 * @param end       {@code endtime}, only once it has ended
 * @param status    {@code OK}, {@code WARNINGS: N} or the error, only once it has ended
 */
public record TaskEntry(String upid, String type, String id, Instant start, Optional<Instant> end,
                        Optional<String> status) {

    public boolean running() {
        return end.isEmpty() && status.isEmpty();
    }
}
