import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/index.js';

export interface BarSeries {
  name: string;
  colour: string;
  values: number[];
}

/**
 * Horizontal stacked bars drawn by Apache ECharts (tree-shaken: bar chart, SVG renderer). The
 * library is loaded with the first chart, so the other screens never download it.
 */
function labelWidth(label: string): number {
  let w = 0;
  for (const c of label) w += c.charCodeAt(0) > 0x2e80 ? 14 : 8;
  return w;
}

export function BarChart({ labels, series, title }: { labels: string[]; series: BarSeries[]; title: string }) {
  const el = useRef<HTMLDivElement>(null);
  const { lang } = useI18n();
  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    void import('./echarts.js').then(({ echarts }) => {
      if (disposed || !el.current) return;
      const chart = echarts.init(el.current, undefined, { renderer: 'svg', locale: lang === 'zh-CN' ? 'ZH' : 'EN' });
      chart.setOption({
        aria: { enabled: true },
        // Measured on a canvas, which knows no `inherit`: the page's own font list.
        textStyle: { fontFamily: getComputedStyle(el.current).fontFamily },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { bottom: 0 },
        // Room for the longest category label (CJK characters are about twice a Latin one's width).
        grid: { left: 16 + Math.max(...labels.map(labelWidth)), right: 24, top: 8, bottom: 40 },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', data: labels, inverse: true },
        series: series.map((s) => ({ name: s.name, type: 'bar', stack: 'all', data: s.values, itemStyle: { color: s.colour } })),
      });
      const resize = () => chart.resize();
      addEventListener('resize', resize);
      dispose = () => {
        removeEventListener('resize', resize);
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [labels, series, lang]);
  return <div ref={el} class="chart" role="img" aria-label={title} style={{ height: `${Math.max(160, labels.length * 36 + 70)}px` }} />;
}
