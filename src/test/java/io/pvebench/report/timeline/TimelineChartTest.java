package io.pvebench.report.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvebench.measure.Sample;
import io.pvebench.testsupport.LoadedCase;
import java.util.Collection;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

class TimelineChartTest {

    private final CaseTimeline loaded = CaseTimeline.of(LoadedCase.result());

    @Test
    void throughputHasOneLinePerDirectionInGbitPerSecondOverSecondsSinceTheCaseStarted() {
        XYPlot plot = plot(ChartKind.THROUGHPUT, loaded);
        XYSeriesCollection data = (XYSeriesCollection) plot.getDataset();

        assertThat(data.getSeriesCount()).isEqualTo(2);
        assertThat(data.getSeries(0).getKey()).isEqualTo("forward");
        assertThat(data.getSeries(1).getKey()).isEqualTo("reverse");
        // the warm-up's points continue the forward line
        assertThat(data.getSeries(0).getItemCount()).isEqualTo(15);
        assertThat(data.getSeries(0).getX(0).doubleValue()).isZero();
        assertThat(data.getSeries(0).getY(0).doubleValue()).isEqualTo(9.4);
        assertThat(data.getSeries(1).getX(0).doubleValue()).isEqualTo(15.0);
        assertThat(plot.getRangeAxis().getLabel()).isEqualTo("Throughput (Gbit/s)");
        assertThat(plot.getDomainAxis().getLabel()).isEqualTo("Time since case start (s)");
        assertThat(plot.getDomainAxis().getLowerBound()).isZero();
        assertThat(plot.getDomainAxis().getUpperBound()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void phasesAreLabelledBandsBehindTheDataAndBurstsInsideThemAreDrawnOnTop() {
        XYPlot plot = plot(ChartKind.RTT, loaded);

        assertThat(markers(plot, Layer.BACKGROUND)).extracting(Marker::getLabel)
                .containsExactly("warmup", "iperf3 forward", "iperf3 reverse", "latency");
        assertThat(markers(plot, Layer.FOREGROUND)).extracting(Marker::getLabel)
                .containsExactly("burst 1", "burst 2");
        IntervalMarker burst = (IntervalMarker) markers(plot, Layer.FOREGROUND).get(0);
        assertThat(burst.getStartValue()).isEqualTo(8.0);
        assertThat(burst.getEndValue()).isEqualTo(10.0);
    }

    @Test
    void cpuChartsHaveOneLinePerNodeAndPerVm() {
        XYSeriesCollection nodes = (XYSeriesCollection) plot(ChartKind.NODE_CPU, loaded).getDataset();
        XYSeriesCollection vms = (XYSeriesCollection) plot(ChartKind.VM_CPU, loaded).getDataset();

        assertThat(keys(nodes)).containsExactly("pve1", "pve2");
        assertThat(keys(vms)).containsExactly("vm 101", "vm 102");
        assertThat(plot(ChartKind.VM_CPU, loaded).getRangeAxis().getLabel()).isEqualTo("CPU of the VM's vCPUs (%)");
    }

    @Test
    void theTitleNamesTheCase() {
        JFreeChart chart = TimelineChart.of(ChartKind.RTT, loaded).orElseThrow();

        assertThat(chart.getTitle().getText()).isEqualTo("small-burst-r1: round-trip time per echo reply");
        assertThat(((XYSeriesCollection) chart.getXYPlot().getDataset()).getSeries(0).getKey()).isEqualTo("rtt");
    }

    @Test
    void noChartForAMetricTheCaseDidNotSample() {
        List<Sample> withoutVmCpu = LoadedCase.samples(LoadedCase.ID, 1).stream()
                .filter(s -> !s.metric().equals("vm_cpu")).toList();
        CaseTimeline timeline = CaseTimeline.of(LoadedCase.result(LoadedCase.ID, 1, withoutVmCpu));

        assertThat(TimelineChart.of(ChartKind.VM_CPU, timeline)).isEmpty();
        assertThat(TimelineChart.of(ChartKind.NODE_CPU, timeline)).isPresent();
    }

    private static XYPlot plot(ChartKind kind, CaseTimeline timeline) {
        return TimelineChart.of(kind, timeline).orElseThrow().getXYPlot();
    }

    private static List<Object> keys(XYSeriesCollection data) {
        return java.util.stream.IntStream.range(0, data.getSeriesCount()).mapToObj(data::getSeriesKey)
                .map(Object.class::cast).toList();
    }

    private static List<Marker> markers(XYPlot plot, Layer layer) {
        Collection<?> markers = plot.getDomainMarkers(layer);
        return markers == null ? List.of() : markers.stream().map(Marker.class::cast).toList();
    }
}
