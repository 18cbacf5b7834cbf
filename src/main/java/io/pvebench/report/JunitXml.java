package io.pvebench.report;

import io.pvebench.assess.StatisticResult;
import io.pvebench.assess.Verdict;
import io.pvebench.run.CaseResult;
import io.pvebench.run.RunFolder;
import io.pvebench.run.RunResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes {@code junit.xml} for CI (Jenkins' junit step): one test suite per run, one test
 * case per case, and at the end one per matrix cell and objective on a statistic across
 * repetitions (class {@code <pipeline>.statistics}). A failed objective is a {@code failure},
 * a broken case an {@code error}, an unknown verdict {@code skipped} with the reason.
 * Rewritten after every case, so a crash leaves the cases finished so far.
 */
public final class JunitXml extends RewrittenAfterEachCase {

    private final RunFolder folder;

    public JunitXml(RunFolder folder) {
        this.folder = folder;
    }

    @Override
    void write(RunResult run, boolean complete) {
        folder.writeText("junit.xml", render(run));
    }

    static String render(RunResult run) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", run.info().pipeline());
            xml.writeAttribute("tests", String.valueOf(run.cases().size() + run.statistics().size()));
            xml.writeAttribute("failures", String.valueOf(count(run, Verdict.FAIL)));
            xml.writeAttribute("errors", String.valueOf(count(run, Verdict.BROKEN)));
            xml.writeAttribute("skipped", String.valueOf(count(run, Verdict.UNKNOWN)));
            xml.writeAttribute("time", seconds(Duration.between(run.info().start(), run.end())));
            xml.writeAttribute("timestamp", run.info().start().toString());
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            property(xml, "runId", run.info().runId());
            property(xml, "cluster", run.info().cluster());
            property(xml, "seed", String.valueOf(run.info().seed()));
            for (Map.Entry<String, String> fact : run.environment().entrySet()) {
                property(xml, fact.getKey(), fact.getValue());
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            for (CaseResult c : run.cases()) {
                testCase(xml, run, c);
            }
            for (StatisticResult r : run.statistics()) {
                statisticTestCase(xml, run, r);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new UncheckedIOException(new IOException("cannot write junit.xml", e));
        }
        return out.toString();
    }

    private static void testCase(XMLStreamWriter xml, RunResult run, CaseResult c) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", run.info().pipeline() + "." + c.plan().vmSpec().name());
        xml.writeAttribute("name", c.plan().id());
        xml.writeAttribute("time", seconds(Duration.between(c.start(), c.end())));
        verdict(xml, c.assessment().verdict(), c.assessment().reason());
        StringBuilder metrics = new StringBuilder();
        CaseMetrics.of(c.samples()).byMetric().forEach((name, s) ->
                metrics.append(name).append(" = ").append(String.format(Locale.ROOT, "%.6g", s.value()))
                        .append(' ').append(s.unit()).append('\n'));
        xml.writeStartElement("system-out");
        xml.writeCharacters(metrics.toString());
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void statisticTestCase(XMLStreamWriter xml, RunResult run, StatisticResult r)
            throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", run.info().pipeline() + ".statistics");
        xml.writeAttribute("name", r.objective().key() + " " + CellNames.of(r.group()));
        xml.writeAttribute("time", seconds(Duration.ZERO));
        verdict(xml, r.verdict(), r.message());
        StringBuilder values = new StringBuilder(r.objective().key() + " " + r.objective().written() + ": "
                + r.message() + "\n");
        String unit = r.objective().metric().unit();
        r.repetitions().forEach((repetition, value) -> values.append("repetition ").append(repetition)
                .append(" = ").append(String.format(Locale.ROOT, "%.6g", value)).append(' ').append(unit)
                .append('\n'));
        xml.writeStartElement("system-out");
        xml.writeCharacters(values.toString());
        xml.writeEndElement();
        xml.writeEndElement();
    }

    /** The verdict's element: failure, error or skipped with the reason; nothing on a pass. */
    private static void verdict(XMLStreamWriter xml, Verdict verdict, String reason) throws XMLStreamException {
        switch (verdict) {
            case FAIL -> problem(xml, "failure", "objective", reason);
            case BROKEN -> problem(xml, "error", "broken", reason);
            case UNKNOWN -> {
                xml.writeStartElement("skipped");
                xml.writeAttribute("message", xmlSafe(reason));
                xml.writeEndElement();
            }
            case PASS -> { }
        }
    }

    private static void problem(XMLStreamWriter xml, String element, String type, String message)
            throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeAttribute("type", type);
        xml.writeAttribute("message", xmlSafe(message));
        xml.writeCharacters(xmlSafe(message));
        xml.writeEndElement();
    }

    /** XML 1.0 cannot carry most control characters; a tool's stderr in a reason may hold some. */
    static String xmlSafe(String text) {
        return text.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "\uFFFD");
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value == null ? "" : xmlSafe(value));
    }

    private static long count(RunResult run, Verdict verdict) {
        return run.cases().stream().filter(c -> c.assessment().verdict() == verdict).count()
                + run.statistics().stream().filter(r -> r.verdict() == verdict).count();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }
}
