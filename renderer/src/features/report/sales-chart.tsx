/**
 * A bar chart of rupiah takings (Chart.js on a canvas) with a table of the
 * same numbers, for the Today screen. Chart.js only draws on the canvas and
 * sets canvas sizes through the CSSOM (`canvas.style.height = …`), which the
 * strict CSP (`style-src 'self'`, no eval) allows: no CSP change is needed.
 */
import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, type ChartConfiguration } from 'chart.js';
import { formatRupiah } from '../../../../shared/domain/money';
import './sales-chart.css';

// Tree-shaken: only the pieces a bar chart with tooltips needs, registered once per bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** One bar (and one table row). */
export interface ChartRow {
  /** Stable key, also the row's test-id suffix (e.g. "07" or "cash"). */
  key: string;
  label: string;
  count: number;
  total: number;
}

/** Props of {@link SalesChart}. */
export interface SalesChartProps {
  rows: readonly ChartRow[];
  /** Visible heading and table caption. */
  title: string;
  /** The canvas's accessible name: a one-sentence summary of the chart. */
  summary: string;
  headings: { label: string; count: string; total: string };
  /** Bars grow right (a few long labels such as method names) instead of up. */
  horizontal?: boolean;
  /** Show the table on screen too; otherwise it is there for screen readers and tests only. */
  tableVisible?: boolean;
  /** Prefix for test ids: `${testId}-chart`, `${testId}-table`, `${testId}-${row.key}`. */
  testId: string;
}

/** Fallbacks when the CSS variables are missing (e.g. the stylesheet failed to load). */
const FALLBACK = { bar: '#0b6bcb', text: '#556070', grid: '#e3e6ec' };

function cssColor(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

/** The Chart.js configuration for `rows`, coloured from the figure's CSS variables. */
function chartConfig(rows: readonly ChartRow[], label: string, horizontal: boolean, figure: Element): ChartConfiguration<'bar', number[], string> {
  const text = cssColor(figure, '--chart-text', FALLBACK.text);
  const grid = cssColor(figure, '--chart-grid', FALLBACK.grid);
  const valueAxis = {
    beginAtZero: true,
    grid: { color: grid },
    ticks: { color: text, precision: 0, callback: (v: string | number) => formatRupiah(Number(v)) },
  };
  const categoryAxis = { grid: { display: false }, ticks: { color: text } };
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      // Capped so one payment method does not fill the whole box with a single slab.
      datasets: [{ label, data: rows.map((r) => r.total), backgroundColor: cssColor(figure, '--chart-bar', FALLBACK.bar), maxBarThickness: 32 }],
    },
    options: {
      // A till redraws on every sale: no animation to wait for or burn CPU on.
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: horizontal ? 'y' : 'x',
      font: { family: getComputedStyle(figure).fontFamily },
      plugins: {
        tooltip: { callbacks: { label: (item) => formatRupiah(Number(horizontal ? item.parsed.x : item.parsed.y)) } },
      },
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
    },
  };
}

/**
 * Rupiah per category as a bar chart plus a table of the same numbers. The
 * chart is created in an effect and destroyed by its cleanup, so a new report
 * or unmounting never leaves a Chart (and its resize observer) behind.
 */
export function SalesChart({ rows, title, summary, headings, horizontal = false, tableVisible = false, testId }: SalesChartProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const figureRef = useRef<HTMLElement>(null);
  // Parents pass fresh arrays on every render; redraw only when the numbers or words change.
  const signature = JSON.stringify([rows, title, horizontal]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const figure = figureRef.current;
    if (!canvas || !figure) return undefined;
    const chart = new Chart(canvas, chartConfig(rows, title, horizontal, figure));
    return () => chart.destroy();
    // `signature` stands for rows/title/horizontal, which are new objects on every render.
  }, [signature]);

  return (
    <figure className={`sales-chart${horizontal ? ' horizontal' : ''}`} ref={figureRef} data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div className="sales-chart-canvas">
        <canvas ref={canvasRef} role="img" aria-label={summary} data-testid={`${testId}-chart`} />
      </div>
      {/* A table ignores a 1px width, so the hiding goes on a wrapper. */}
      <div className={tableVisible ? 'sales-chart-table' : 'sales-chart-table visually-hidden'}>
        <table data-testid={`${testId}-table`}>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr><th scope="col">{headings.label}</th><th scope="col">{headings.count}</th><th scope="col">{headings.total}</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid={`${testId}-${r.key}`} data-count={r.count} data-total={r.total}>
                <th scope="row">{r.label}</th><td>{r.count}</td><td>{formatRupiah(r.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
