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
        textStyle: { fontFamily: 'inherit' },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { bottom: 0 },
        grid: { left: 8, right: 24, top: 8, bottom: 40, containLabel: true },
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
