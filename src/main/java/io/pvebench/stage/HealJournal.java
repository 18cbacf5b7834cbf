package io.pvebench.stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The faults pvebench injected into one cluster and has not healed yet, kept on disk beside the
 * run folders ({@code .heal/<cluster>.json}), so that a pvebench that was killed mid-fault is
 * healed by the next one to start against that cluster. An entry is written before its fault
 * is made and removed once it is healed; the file is replaced atomically, so a crash leaves
 * either the old list or the new one. Thread-safe within one process; two pvebench processes
 * against one cluster at once are not supported (the scheduler never starts them).
 */
public final class HealJournal {

    /** One injected fault and the steps that undo it, in order. */
    public record Entry(String id, String runId, Instant recordedAt, String change, List<Heal> heals) {
        public Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(change, "change");
            heals = List.copyOf(heals);
        }
    }

    static final String FOLDER = ".heal";
    private static final Pattern SAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    private HealJournal(Path file) {
        this.file = file;
    }

    /** The journal of cluster {@code cluster} under the reports folder {@code reports}. */
    public static HealJournal of(Path reports, String cluster) {
        return new HealJournal(reports.resolve(FOLDER).resolve(SAFE.matcher(cluster).replaceAll("_") + ".json"));
    }

    Path file() {
        return file;
    }

    /** Writes the entry down; call it before making the change. Returns its id. */
    public synchronized String open(String runId, Instant at, String change, List<Heal> heals) {
        Entry entry = new Entry(UUID.randomUUID().toString(), runId, at, change, heals);
        List<Entry> all = new ArrayList<>(pending());
        all.add(entry);
        write(all);
        return entry.id();
    }

    /** Removes a healed entry; an unknown id is fine (healed already). */
    public synchronized void close(String id) {
        List<Entry> all = new ArrayList<>(pending());
        if (all.removeIf(e -> e.id().equals(id))) {
            write(all);
        }
    }

    /**
     * The entries not healed yet, oldest first.
     *
     * @throws IllegalStateException naming the file when it cannot be read: it must be healed by hand then
     */
    public synchronized List<Entry> pending() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return List.copyOf(JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the journal of faults to heal, " + file + ", is not readable ("
                    + e.getOriginalMessage() + "): heal what it lists by hand, then delete it", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void write(List<Entry> entries) {
        try {
            Files.createDirectories(file.getParent());
            if (entries.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(temp, JSON.writeValueAsString(entries));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
