/*
 * A time-series chart for the admin dashboard (com.sintra.admin.ui.TimeSeriesChart), drawn by uPlot on a canvas.
 * The server sends the last hour once, then one point per sample; the chart keeps an hour and drops what is older.
 * Only the dashboard route imports this module, so uPlot is in that route's lazy chunk, never in the entry bundle.
 */
import uPlot from 'uplot';
import uPlotCss from 'uplot/dist/uPlot.min.css?inline';

const WINDOW_SECONDS = 3600;
const HEIGHT = 180;

class SintraTimeSeries extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = `<style>${uPlotCss}
      :host { display: block; min-width: 0; }
      .u-legend { font: var(--lumo-font-size-xs) var(--lumo-font-family); color: var(--lumo-secondary-text-color); }
      .u-title { font: 600 var(--lumo-font-size-s) var(--lumo-font-family); color: var(--lumo-body-text-color); }
    </style><div part="plot"></div>`;
    this.data = [[]];
  }

  /** Labels of the series (one per line), the unit shown on the axis and the colours, as a JSON object. */
  configure(json) {
    this.options = JSON.parse(json);
    this.data = [[], ...this.options.labels.map(() => [])];
    this.redraw();
  }

  /** The whole hour: [[epoch seconds...], [values of series 1...], ...]; null where a value is unknown. */
  setData(json) {
    this.data = JSON.parse(json);
    this.redraw();
  }

  /** One more sample: its time and a value per series. */
  append(time, valuesJson) {
    const values = JSON.parse(valuesJson);
    this.data[0].push(time);
    values.forEach((value, i) => this.data[i + 1].push(value));
    while (this.data[0].length && this.data[0][0] < time - WINDOW_SECONDS) {
      this.data.forEach((series) => series.shift());
    }
    if (this.plot) {
      this.plot.setData(this.data);
    }
  }

  connectedCallback() {
    this.resizes = new ResizeObserver(() => {
      if (this.plot && this.clientWidth > 0) {
        this.plot.setSize({ width: this.clientWidth, height: HEIGHT });
      }
    });
    this.resizes.observe(this);
    this.redraw();
  }

  disconnectedCallback() {
    this.resizes.disconnect();
    if (this.plot) {
      this.plot.destroy();
      this.plot = null;
    }
  }

  redraw() {
    if (!this.options || !this.isConnected) {
      return;
    }
    if (this.plot) {
      this.plot.destroy();
    }
    const style = getComputedStyle(this);
    const ink = style.getPropertyValue('--lumo-secondary-text-color').trim() || '#666';
    const grid = style.getPropertyValue('--lumo-contrast-10pct').trim() || '#eee';
    const unit = this.options.unit;
    const axis = { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    this.plot = new uPlot({
      title: this.options.title,
      width: Math.max(this.clientWidth, 200),
      height: HEIGHT,
      cursor: { drag: { x: false, y: false } },
      scales: { y: { range: (u, min, max) => [0, Math.max(max, this.options.floor || 1)] } },
      axes: [axis, { ...axis, size: 64, values: (u, ticks) => ticks.map((v) => format(v, unit)) }],
      series: [{}, ...this.options.labels.map((label, i) => ({
        label,
        stroke: this.options.colors[i % this.options.colors.length],
        width: 1.5,
        spanGaps: false,
        value: (u, v) => (v == null ? '–' : format(v, unit)),
      }))],
    }, this.data, this.shadowRoot.querySelector('[part=plot]'));
  }
}

function format(value, unit) {
  if (unit === '%') {
    return `${+(value * 100).toFixed(1)} %`;
  }
  if (unit === 'ms' && value >= 1000) {
    return `${+(value / 1000).toFixed(value < 10000 ? 1 : 0)} s`;
  }
  if (unit === 'B') {
    return value >= 1048576 ? `${+(value / 1048576).toFixed(1)} MB` : `${+(value / 1024).toFixed(0)} KB`;
  }
  return `${+value.toFixed(value < 10 ? 1 : 0)} ${unit}`;
}

customElements.define('sintra-time-series', SintraTimeSeries);
