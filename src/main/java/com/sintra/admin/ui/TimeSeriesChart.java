package com.sintra.admin.ui;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

/**
 * A line chart of the last hour, drawn in the browser by uPlot (frontend/admin/time-series.js). It is shown the
 * hour once and then sent one point per sample, a few dozen bytes, rather than the whole series again.
 */
@Tag("sintra-time-series")
@NpmPackage(value = "uplot", version = "1.6.32")
@JsModule("./admin/time-series.js")
class TimeSeriesChart extends Component implements HasSize {

    /** Lumo's own accent colours, readable on light and dark. */
    private static final List<String> COLORS = List.of("#1676f3", "#e8590c", "#2f9e44", "#ae3ec9");

    private final int seriesCount;

    /**
     * @param unit  how values read: {@code ms}, {@code %} (a share from 0 to 1), {@code B} (bytes), or any word
     *              such as {@code /s}
     * @param floor the least top of the y axis, so a quiet hour is not drawn as noise at full height
     */
    TimeSeriesChart(String title, String unit, double floor, List<String> labels) {
        this.seriesCount = labels.size();
        String options = "{\"title\":" + quoted(title) + ",\"unit\":" + quoted(unit) + ",\"floor\":" + number(floor)
                + ",\"labels\":[" + labels.stream().map(TimeSeriesChart::quoted).collect(Collectors.joining(","))
                + "],\"colors\":[" + COLORS.stream().map(TimeSeriesChart::quoted).collect(Collectors.joining(",")) + "]}";
        getElement().callJsFunction("configure", options);
        setWidthFull();
    }

    /** The whole series: one row of values (one per series, NaN when unknown) per time. */
    void show(List<Instant> times, List<double[]> rows) {
        StringBuilder json = new StringBuilder("[[");
        json.append(times.stream().map(time -> Long.toString(time.getEpochSecond())).collect(Collectors.joining(",")));
        json.append(']');
        for (int series = 0; series < seriesCount; series++) {
            int column = series;
            json.append(",[").append(rows.stream().map(row -> number(row[column])).collect(Collectors.joining(","))).append(']');
        }
        getElement().callJsFunction("setData", json.append(']').toString());
    }

    /** One more sample, a value per series (NaN when unknown). */
    void append(Instant time, double... values) {
        if (values.length != seriesCount) {
            throw new IllegalArgumentException("Expected " + seriesCount + " values, got " + values.length);
        }
        getElement().callJsFunction("append", (double) time.getEpochSecond(),
                "[" + DoubleStream.of(values).mapToObj(TimeSeriesChart::number).collect(Collectors.joining(",")) + "]");
    }

    int seriesCount() {
        return seriesCount;
    }

    /** JSON has no NaN: an unknown value is null, a gap in the line. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : String.format(Locale.ROOT, "%.4g", value);
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        IntStream.range(0, text.length()).map(text::charAt).forEach(c -> {
            if (c == '"' || c == '\\') {
                json.append('\\').append((char) c);
            } else if (c < 0x20) {
                json.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                json.append((char) c);
            }
        });
        return json.append('"').toString();
    }
}
