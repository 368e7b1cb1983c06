/**
 * The timeline as a file: SVG (a standalone copy of the d3 chart with every CSS rule resolved to
 * plain attributes, so it renders the same outside the page) and PNG (that SVG drawn on a canvas).
 */

/** Presentation properties copied from the computed style of each element. */
const PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'visibility',
] as const;

export interface LegendItem {
  label: string;
  color: string;
}

/** What the exported picture carries below the chart: a caption and the legend. */
export interface Caption {
  title: string;
  legend: LegendItem[];
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const LEGEND_ROW = 18;

/** The legend the panel shows (its swatches' colours as the theme resolves them). */
export function readLegend(root: ParentNode): LegendItem[] {
  return [...root.querySelectorAll('.tl-legend-item')].flatMap((item) => {
    const swatch = item.querySelector('rect, path');
    const label = item.textContent?.trim() ?? '';
    if (!swatch || !label) return [];
    const cs = getComputedStyle(swatch);
    const fill = cs.getPropertyValue('fill');
    return [{ label, color: fill && fill !== 'none' ? fill : cs.getPropertyValue('stroke') }];
  });
}

/** Appends the caption below the chart, wrapping the legend to the chart's width. */
function appendCaption(
  copy: SVGSVGElement,
  caption: Caption,
  width: number,
  height: number,
  fg: string,
): number {
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('transform', `translate(8,${height + 4})`);
  g.setAttribute('style', `font-family:system-ui,'DejaVu Sans',sans-serif;font-size:11px;fill:${fg}`);
  const title = document.createElementNS(SVG_NS, 'text');
  title.setAttribute('y', '12');
  title.setAttribute('style', 'font-weight:600;font-size:12px');
  title.textContent = caption.title;
  g.appendChild(title);
  let x = 0;
  let y = LEGEND_ROW + 4;
  for (const item of caption.legend) {
    const w = 18 + item.label.length * 6.2 + 14;
    if (x > 0 && x + w > width - 16) {
      x = 0;
      y += LEGEND_ROW;
    }
    const swatch = document.createElementNS(SVG_NS, 'rect');
    for (const [k, v] of Object.entries({ x, y, width: 13, height: 10, rx: 2 }))
      swatch.setAttribute(k, String(v));
    swatch.setAttribute('style', `fill:${item.color}`);
    const text = document.createElementNS(SVG_NS, 'text');
    text.setAttribute('x', String(x + 18));
    text.setAttribute('y', String(y + 9));
    text.textContent = item.label;
    g.append(swatch, text);
    x += w;
  }
  copy.appendChild(g);
  return height + 4 + y + LEGEND_ROW;
}

/** A standalone SVG document of `svg` as the user sees it now (theme and zoom included). */
function serializeSvg(svg: SVGSVGElement, caption?: Caption): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((el, i) => {
    const target = to[i];
    if (!(target instanceof SVGElement)) return;
    const cs = getComputedStyle(el);
    const style = PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    target.setAttribute('style', style);
    target.removeAttribute('class');
  });
  if (caption) {
    const width = svg.width.baseVal.value;
    const height = svg.height.baseVal.value;
    const background = copy.querySelector(':scope > rect');
    const full = appendCaption(copy, caption, width, height, getComputedStyle(svg).getPropertyValue('color'));
    copy.setAttribute('height', String(full));
    copy.setAttribute('viewBox', `0 0 ${width} ${full}`);
    background?.setAttribute('height', String(full));
  }
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
}

export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function exportSvg(svg: SVGSVGElement, fileName: string, caption?: Caption): void {
  download(new Blob([serializeSvg(svg, caption)], { type: 'image/svg+xml' }), fileName);
}

/** PNG at `scale` × the on-screen size (2 = sharp on slides and in print). */
async function svgToPng(svg: SVGSVGElement, caption?: Caption, scale = 2): Promise<Blob> {
  const text = serializeSvg(svg, caption);
  const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(text);
  const width = size ? Number(size[1]) : svg.width.baseVal.value;
  const height = size ? Number(size[2]) : svg.height.baseVal.value;
  const source = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the timeline SVG could not be drawn'));
      image.src = source;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.fillStyle = getComputedStyle(svg).getPropertyValue('--bg') || '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(source);
  }
}

export async function exportPng(svg: SVGSVGElement, fileName: string, caption?: Caption): Promise<void> {
  download(await svgToPng(svg, caption), fileName);
}
